! Fortran 2008 binding of the ember closure ABI (ember/closure_abi.h) and of
! the host-side loader (ember/plugin_loader.h), through ISO_C_BINDING.
!
! The derived types mirror the C structs field by field; the function table's
! entries are C function pointers that a host turns into Fortran procedure
! pointers with c_f_procpointer and the abstract interfaces below.
module ember_closure
  use, intrinsic :: iso_c_binding
  implicit none
  private

  integer(c_int32_t), parameter, public :: EMBER_CLOSURE_ABI_MAJOR = 1
  integer(c_int32_t), parameter, public :: EMBER_OK = 0, EMBER_INVALID_CELLS = 1
  integer(c_int32_t), parameter, public :: EMBER_FIELD_REQUIRED = 0, EMBER_FIELD_OPTIONAL = 1
  integer(c_int32_t), parameter, public :: EMBER_MEMORY_HOST = 0
  integer(c_int32_t), parameter, public :: EMBER_CELL_OK = 0, EMBER_CELL_CLAMPED = 1, &
                                           EMBER_CELL_INVALID_INPUT = 2

  ! uint32_t fields are held in integer(c_int32_t): same size and alignment.
  type, bind(C), public :: ember_closure_api
    integer(c_int32_t) :: struct_size, abi_major, abi_minor, reserved0
    type(c_ptr) :: plugin_name, plugin_version
    type(c_funptr) :: last_error, model_create, model_destroy, model_info
    type(c_funptr) :: input_desc, output_desc, state_desc
    type(c_funptr) :: workspace_create, workspace_destroy, workspace_error
    type(c_funptr) :: state_init, evaluate
  end type

  type, bind(C), public :: ember_model_args
    integer(c_int32_t) :: struct_size = 0, num_threads = 1
    type(c_ptr) :: model_path = c_null_ptr, options = c_null_ptr
  end type

  type, bind(C), public :: ember_model_info
    integer(c_int32_t) :: struct_size = 0, n_inputs = 0, n_outputs = 0, n_state = 0
    type(c_ptr) :: model_name = c_null_ptr, model_version = c_null_ptr, provenance = c_null_ptr
    type(c_ptr) :: data_sha256 = c_null_ptr, code_version = c_null_ptr
  end type

  type, bind(C), public :: ember_field_desc
    integer(c_int32_t) :: struct_size = 0, support = 0
    type(c_ptr) :: name = c_null_ptr, unit = c_null_ptr, description = c_null_ptr
    real(c_double) :: valid_min = 0, valid_max = 0
  end type

  type, bind(C), public :: ember_batch
    integer(c_int32_t) :: struct_size = 0, memory_space = 0
    type(c_ptr) :: stream = c_null_ptr
    integer(c_int64_t) :: n = 0
    real(c_double) :: dt = 0
    type(c_ptr) :: inputs = c_null_ptr, outputs = c_null_ptr
    type(c_ptr) :: state_old = c_null_ptr, state_new = c_null_ptr
    integer(c_int64_t) :: ld_state = 0
    type(c_ptr) :: cell_status = c_null_ptr
    real(c_double) :: dt_scale = 0
    integer(c_int64_t) :: n_clamped = 0, n_invalid = 0, first_invalid = -1
  end type

  abstract interface
    function ember_message_fn() bind(C) result(msg)
      import :: c_ptr
      type(c_ptr) :: msg
    end function
    function ember_model_create_fn(args, model) bind(C) result(status)
      import :: c_ptr, c_int32_t, ember_model_args
      type(ember_model_args), intent(in) :: args
      type(c_ptr), intent(out) :: model
      integer(c_int32_t) :: status
    end function
    subroutine ember_destroy_fn(handle) bind(C)
      import :: c_ptr
      type(c_ptr), value :: handle
    end subroutine
    function ember_model_info_fn(model, info) bind(C) result(status)
      import :: c_ptr, c_int32_t, ember_model_info
      type(c_ptr), value :: model
      type(ember_model_info), intent(inout) :: info
      integer(c_int32_t) :: status
    end function
    function ember_desc_fn(model, index, desc) bind(C) result(status)
      import :: c_ptr, c_int32_t, ember_field_desc
      type(c_ptr), value :: model
      integer(c_int32_t), value :: index
      type(ember_field_desc), intent(inout) :: desc
      integer(c_int32_t) :: status
    end function
    function ember_workspace_create_fn(model, ws) bind(C) result(status)
      import :: c_ptr, c_int32_t
      type(c_ptr), value :: model
      type(c_ptr), intent(out) :: ws
      integer(c_int32_t) :: status
    end function
    function ember_workspace_error_fn(ws) bind(C) result(msg)
      import :: c_ptr
      type(c_ptr), value :: ws
      type(c_ptr) :: msg
    end function
    function ember_state_init_fn(ws, n, state, ld) bind(C) result(status)
      import :: c_ptr, c_int32_t, c_int64_t, c_double
      type(c_ptr), value :: ws
      integer(c_int64_t), value :: n, ld
      real(c_double), intent(inout) :: state(*)
      integer(c_int32_t) :: status
    end function
    function ember_evaluate_fn(ws, batch) bind(C) result(status)
      import :: c_ptr, c_int32_t, ember_batch
      type(c_ptr), value :: ws
      type(ember_batch), intent(inout) :: batch
      integer(c_int32_t) :: status
    end function
  end interface
  public :: ember_message_fn, ember_model_create_fn, ember_destroy_fn, ember_model_info_fn
  public :: ember_desc_fn, ember_workspace_create_fn, ember_workspace_error_fn
  public :: ember_state_init_fn, ember_evaluate_fn

  interface
    function c_ember_plugin_open(path, err, err_size) bind(C, name="ember_plugin_open") result(p)
      import :: c_ptr, c_char, c_size_t
      character(kind=c_char), intent(in) :: path(*)
      character(kind=c_char), intent(out) :: err(*)
      integer(c_size_t), value :: err_size
      type(c_ptr) :: p
    end function
    function ember_plugin_api(plugin) bind(C, name="ember_plugin_api") result(api)
      import :: c_ptr
      type(c_ptr), value :: plugin
      type(c_ptr) :: api
    end function
    subroutine ember_plugin_close(plugin) bind(C, name="ember_plugin_close")
      import :: c_ptr
      type(c_ptr), value :: plugin
    end subroutine
    function c_strlen(s) bind(C, name="strlen") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: s
      integer(c_size_t) :: n
    end function
  end interface
  public :: ember_plugin_api, ember_plugin_close, ember_plugin_open, f_string, c_string

contains

  ! Opens a plugin; on failure returns c_null_ptr and the loader's message.
  function ember_plugin_open(path, message) result(plugin)
    character(len=*), intent(in) :: path
    character(len=:), allocatable, intent(out) :: message
    type(c_ptr) :: plugin
    character(kind=c_char) :: err(1024)
    integer :: i
    err = c_null_char
    plugin = c_ember_plugin_open(c_string(path), err, int(size(err), c_size_t))
    message = ''
    do i = 1, size(err)
      if (err(i) == c_null_char) exit
      message = message // err(i)
    end do
  end function

  ! A NUL-terminated copy of a Fortran string.
  pure function c_string(s) result(c)
    character(len=*), intent(in) :: s
    character(kind=c_char, len=len_trim(s) + 1) :: c
    c = trim(s) // c_null_char
  end function

  ! A Fortran copy of a NUL-terminated C string ("" for NULL).
  function f_string(p) result(s)
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable :: s
    character(kind=c_char), pointer :: chars(:)
    integer :: i, n
    if (.not. c_associated(p)) then
      s = ''
      return
    end if
    n = int(c_strlen(p))
    call c_f_pointer(p, chars, [n])
    allocate(character(len=n) :: s)
    do i = 1, n
      s(i:i) = chars(i)
    end do
  end function

end module ember_closure
