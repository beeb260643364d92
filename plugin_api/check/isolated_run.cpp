#include "isolated_run.hpp"

#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace ember::check {

Outcome run_isolated(const std::function<Outcome()>& body, unsigned timeout_s) {
  int fd[2];
  if (pipe(fd) != 0) return {false, std::string("pipe failed: ") + std::strerror(errno)};
  const pid_t pid = fork();
  if (pid < 0) return {false, std::string("fork failed: ") + std::strerror(errno)};
  if (pid == 0) {
    close(fd[0]);
    alarm(timeout_s);
    const Outcome o = body();
    const std::string msg = (o.pass ? "P" : "F") + o.detail;
    size_t off = 0;
    while (off < msg.size()) {
      const ssize_t w = write(fd[1], msg.data() + off, msg.size() - off);
      if (w <= 0) break;
      off += static_cast<size_t>(w);
    }
    close(fd[1]);
    _exit(0);  // skip atexit handlers and plugin destructors of the parent's copy
  }
  close(fd[1]);
  std::string msg;
  char buf[4096];
  ssize_t r;
  while ((r = read(fd[0], buf, sizeof buf)) > 0) msg.append(buf, static_cast<size_t>(r));
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGALRM)
      return {false, "did not finish within " + std::to_string(timeout_s) + " s"};
    return {false, std::string("crashed with signal SIG") + sigabbrev_np(sig) + " (" +
                       strsignal(sig) + ")"};
  }
  if (msg.empty())
    return {false, "the process exited (status " + std::to_string(WEXITSTATUS(status)) +
                       ") before giving a verdict; a plugin must never exit"};
  return {msg[0] == 'P', msg.substr(1)};
}

}  // namespace ember::check
