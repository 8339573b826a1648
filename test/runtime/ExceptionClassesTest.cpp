// Which C++ class a Python exception is thrown as: the class registered for the nearest
// class along its MRO (bound before the errors.hpp ones when both are on the path), and its
// chain of causes, each typed the same way. The wire form is the agent's (errors.py).
#include "errors_internal.hpp"

#include <pybridge/detail/exception_classes.hpp>

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

namespace {

using pybridge::v1::PythonException;

struct DatabaseError : pybridge::PythonError {
  using PythonError::PythonError;
};
struct IntegrityError : DatabaseError {
  using DatabaseError::DatabaseError;
};
struct DecodeError : pybridge::ValueError {
  using ValueError::ValueError;
};

const bool registered =
    pybridge::detail::bind_exception_class<DatabaseError>("test_db.DatabaseError") &&
    pybridge::detail::bind_exception_class<IntegrityError>("test_db.IntegrityError") &&
    pybridge::detail::bind_exception_class<DecodeError>("test_json.DecodeError");

PythonException wire(const std::string &type, const std::string &module,
                     std::initializer_list<std::string> mro) {
  PythonException error;
  error.set_type(type);
  error.set_module(module);
  error.set_message("from " + type);
  for (const std::string &base : mro)
    error.add_bases(base);
  return error;
}

template <class E> std::string thrown_as(const PythonException &error) {
  try {
    pybridge::detail::throw_python_error(error);
  } catch (const E &caught) {
    return caught.type();
  } catch (...) {
    return "not caught as expected";
  }
}

std::string rethrown_as_integrity_error(const pybridge::PythonError &error) {
  try {
    error.rethrow();
  } catch (const IntegrityError &caught) {
    return caught.type();
  } catch (const pybridge::PythonError &other) {
    return "not caught as IntegrityError: " + other.type();
  }
}

TEST(ExceptionClasses, BoundClassIsThrown) {
  ASSERT_TRUE(registered);
  EXPECT_EQ(thrown_as<IntegrityError>(wire("IntegrityError", "test_db",
                                           {"test_db.IntegrityError", "test_db.DatabaseError",
                                            "builtins.Exception", "builtins.BaseException"})),
            "IntegrityError");
}

TEST(ExceptionClasses, BoundBaseCatchesUnboundSubclass) {
  PythonException error =
      wire("OperationalError", "test_db",
           {"test_db.OperationalError", "test_db.DatabaseError", "builtins.Exception"});
  EXPECT_EQ(thrown_as<DatabaseError>(error), "OperationalError");
  try {
    pybridge::detail::throw_python_error(error);
  } catch (const DatabaseError &caught) {
    EXPECT_EQ(dynamic_cast<const IntegrityError *>(&caught), nullptr);
  }
}

TEST(ExceptionClasses, BoundClassBeforeListedBase) {
  PythonException error =
      wire("DecodeError", "test_json", {"test_json.DecodeError", "builtins.ValueError"});
  EXPECT_EQ(thrown_as<DecodeError>(error), "DecodeError");
  EXPECT_EQ(thrown_as<pybridge::ValueError>(error), "DecodeError"); // and a ValueError
}

TEST(ExceptionClasses, UnboundFallsBackOnListedThenPythonError) {
  EXPECT_EQ(thrown_as<pybridge::KeyError>(
                wire("Missing", "m", {"m.Missing", "builtins.KeyError", "builtins.LookupError"})),
            "Missing");
  EXPECT_EQ(thrown_as<pybridge::PythonError>(wire("Odd", "m", {"m.Odd", "builtins.Exception"})),
            "Odd");
}

TEST(ExceptionClasses, CausesAreTypedAndRethrown) {
  PythonException error = wire("ReadError", "tar", {"tar.ReadError", "builtins.Exception"});
  *error.mutable_cause() =
      wire("IntegrityError", "test_db", {"test_db.IntegrityError", "test_db.DatabaseError"});
  *error.mutable_cause()->mutable_cause() =
      wire("BadGzipFile", "gzip", {"gzip.BadGzipFile", "builtins.OSError"});
  try {
    pybridge::detail::throw_python_error(error);
  } catch (const pybridge::PythonError &caught) {
    const pybridge::PythonError *cause = caught.cause();
    ASSERT_NE(cause, nullptr);
    EXPECT_NE(dynamic_cast<const IntegrityError *>(cause), nullptr);
    ASSERT_NE(cause->cause(), nullptr);
    EXPECT_NE(dynamic_cast<const pybridge::OSError *>(cause->cause()), nullptr);
    EXPECT_EQ(cause->cause()->cause(), nullptr);
    EXPECT_EQ(rethrown_as_integrity_error(*cause), "IntegrityError");
  }
}

} // namespace
