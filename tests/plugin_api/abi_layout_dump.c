/* Prints the closure ABI's struct layout as a strict C99 compiler sees it. */
#include "abi_layout.h"

int main(void) {
  ember_print_abi_layout(stdout);
  return 0;
}
