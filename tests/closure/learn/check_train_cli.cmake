# ember-train tokenizer end to end (ctest runs this with cmake -P):
#  1. 2 epochs of the tiny config into WORK: progress lines and the error table;
#  2. --resume to 3 epochs: continues after epoch 2;
#  3. a misspelt key: exit code 1 and the key named.
# Inputs: EXE (ember-train), CONFIG (tokenizer_tiny.toml), DATA (micro.h5), WORK.
file(REMOVE_RECURSE ${WORK})

function(train expect_rc expect)
  execute_process(
    COMMAND ${EXE} tokenizer ${CONFIG} data.file=${DATA} --out ${WORK} ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "ember-train tokenizer ${ARGN}:\n${out}${err}")
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "exited with ${rc}, expected ${expect_rc}")
  endif()
  if(NOT "${out}${err}" MATCHES "${expect}")
    message(FATAL_ERROR "did not print '${expect}'")
  endif()
endfunction()

train(0 "epoch 2/2  loss .*elapsed .*left .*test +mu +1 " train.epochs=2 --threads 1)
train(0 "resumed .* after epoch 2\nepoch 3/3 " train.epochs=3 --resume)
train(1 "ember-train: .*unknown key 'train.epoch' \\(did you mean 'train.epochs'\\?\\)" train.epoch=3)
if(NOT EXISTS ${WORK}/tokenizer.pt OR NOT EXISTS ${WORK}/tokenizer_errors.tsv)
  message(FATAL_ERROR "no checkpoint or error table in ${WORK}")
endif()
