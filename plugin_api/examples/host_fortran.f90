! A minimal Fortran 2008 host: load a closure plugin by path, evaluate one
! batch of cells for two steps, print the results in ember_host_c's format.
!
!   ember_host_fortran PLUGIN.so MODEL_FILE
program host_fortran
  use, intrinsic :: iso_c_binding
  use, intrinsic :: iso_fortran_env, only: error_unit
  use ember_closure
  implicit none

  integer, parameter :: n = 8, max_fields = 16
  real(c_double), target :: density(n) = [1844d0, 2400d0, 2600d0, 2700d0, &
                                          2800d0, 2900d0, 3000d0, 2500d0]
  real(c_double), target :: pressure(n) = [1d5, 5d9, 10d9, 15d9, 20d9, 25d9, 30d9, 8d9]
  real(c_double), target :: progress(n) = [0d0, 0d0, 0.01d0, 0.05d0, 0.3d0, 0.85d0, 0.99d0, 1d0]
  real(c_double), parameter :: dt = 1d-9

  character(len=4096) :: plugin_path, model_path
  character(len=:), allocatable :: message, name
  character(kind=c_char, len=:), allocatable, target :: model_path_c
  type(c_ptr) :: plugin, model, ws
  type(ember_closure_api), pointer :: api
  type(ember_model_args) :: args
  type(ember_model_info) :: info
  type(ember_field_desc) :: desc
  type(ember_batch) :: batch
  type(c_ptr), target :: input_ptrs(max_fields), output_ptrs(max_fields)
  real(c_double), allocatable, target :: outputs(:, :), state(:, :)
  integer(c_int32_t), target :: cell_status(n)
  integer :: i, k, step, old, new
  integer(c_int32_t) :: st

  procedure(ember_message_fn), pointer :: last_error
  procedure(ember_model_create_fn), pointer :: model_create
  procedure(ember_destroy_fn), pointer :: model_destroy, workspace_destroy
  procedure(ember_model_info_fn), pointer :: model_info
  procedure(ember_desc_fn), pointer :: input_desc
  procedure(ember_workspace_create_fn), pointer :: workspace_create
  procedure(ember_workspace_error_fn), pointer :: workspace_error
  procedure(ember_state_init_fn), pointer :: state_init
  procedure(ember_evaluate_fn), pointer :: evaluate

  if (command_argument_count() /= 2) call die('usage', 'ember_host_fortran PLUGIN.so MODEL_FILE')
  call get_command_argument(1, plugin_path)
  call get_command_argument(2, model_path)

  plugin = ember_plugin_open(trim(plugin_path), message)
  if (.not. c_associated(plugin)) call die('loading the plugin', message)
  call c_f_pointer(ember_plugin_api(plugin), api)
  ! The loader checked the major version; this checks that the table is at
  ! least as large as the Fortran mirror of it.
  if (api%struct_size < c_sizeof(api)) call die('ABI', 'function table smaller than expected')
  call c_f_procpointer(api%last_error, last_error)
  call c_f_procpointer(api%model_create, model_create)
  call c_f_procpointer(api%model_destroy, model_destroy)
  call c_f_procpointer(api%model_info, model_info)
  call c_f_procpointer(api%input_desc, input_desc)
  call c_f_procpointer(api%workspace_create, workspace_create)
  call c_f_procpointer(api%workspace_destroy, workspace_destroy)
  call c_f_procpointer(api%workspace_error, workspace_error)
  call c_f_procpointer(api%state_init, state_init)
  call c_f_procpointer(api%evaluate, evaluate)

  model_path_c = c_string(model_path)
  args%struct_size = int(c_sizeof(args), c_int32_t)
  args%model_path = c_loc(model_path_c)
  if (model_create(args, model) /= EMBER_OK) call die('model_create', f_string(last_error()))
  info%struct_size = int(c_sizeof(info), c_int32_t)
  if (model_info(model, info) /= EMBER_OK) call die('model_info', f_string(last_error()))
  if (max(info%n_inputs, info%n_outputs, info%n_state) > max_fields) &
    call die('model_info', 'more fields than this example handles')

  do k = 1, info%n_inputs
    desc%struct_size = int(c_sizeof(desc), c_int32_t)
    if (input_desc(model, k - 1, desc) /= EMBER_OK) call die('input_desc', f_string(last_error()))
    name = f_string(desc%name)
    select case (name)
    case ('density')
      input_ptrs(k) = c_loc(density)
    case ('pressure')
      input_ptrs(k) = c_loc(pressure)
    case ('reaction_progress')
      input_ptrs(k) = c_loc(progress)
    case default
      input_ptrs(k) = c_null_ptr
      if (desc%support == EMBER_FIELD_REQUIRED) &
        call die('the model requires an input this host does not have', name)
    end select
  end do
  allocate(outputs(n, info%n_outputs), state(n * max(info%n_state, 1), 2))
  do k = 1, info%n_outputs
    output_ptrs(k) = c_loc(outputs(1, k))
  end do

  if (workspace_create(model, ws) /= EMBER_OK) call die('workspace_create', f_string(last_error()))
  if (state_init(ws, int(n, c_int64_t), state(:, 1), int(n, c_int64_t)) /= EMBER_OK) &
    call die('state_init', f_string(workspace_error(ws)))

  batch%struct_size = int(c_sizeof(batch), c_int32_t)
  batch%memory_space = EMBER_MEMORY_HOST
  batch%n = n
  batch%dt = dt
  batch%inputs = c_loc(input_ptrs)
  batch%outputs = c_loc(output_ptrs)
  batch%ld_state = n
  batch%cell_status = c_loc(cell_status)
  do step = 0, 1
    old = mod(step, 2) + 1
    new = mod(step + 1, 2) + 1
    batch%state_old = c_loc(state(1, old))
    batch%state_new = c_loc(state(1, new))
    st = evaluate(ws, batch)
    if (st /= EMBER_OK .and. st /= EMBER_INVALID_CELLS) &
      call die('evaluate', f_string(workspace_error(ws)))
  end do

  write(*, '(5a,es25.16e3)') '# ember_host_fortran: plugin ', f_string(api%plugin_name), ' ', &
    f_string(api%plugin_version), ', dt_scale', batch%dt_scale
  do i = 1, n
    write(*, '(a,i0,1x,i0)', advance='no') 'cell ', i - 1, cell_status(i)
    do k = 1, info%n_inputs
      write(*, '(es25.16e3)', advance='no') input_value(k, i)
    end do
    do k = 1, info%n_outputs
      write(*, '(es25.16e3)', advance='no') outputs(i, k)
    end do
    do k = 1, info%n_state
      write(*, '(es25.16e3)', advance='no') state((k - 1) * n + i, new)
    end do
    write(*, '(a)') ''
  end do

  call workspace_destroy(ws)
  call model_destroy(model)
  call ember_plugin_close(plugin)

contains

  real(c_double) function input_value(k, i)
    integer, intent(in) :: k, i
    real(c_double), pointer :: values(:)
    input_value = 0
    if (.not. c_associated(input_ptrs(k))) return
    call c_f_pointer(input_ptrs(k), values, [n])
    input_value = values(i)
  end function

  subroutine die(what, why)
    character(len=*), intent(in) :: what, why
    write(error_unit, '(4a)') 'ember_host_fortran: ', what, ': ', why
    error stop 1
  end subroutine

end program host_fortran
