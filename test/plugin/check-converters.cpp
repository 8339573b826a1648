// Which C++ types convert is what pybridge::Converter<T> provides, as the compiler picks it:
// the runtime's specializations, the user's explicit and partial ones; anything else is a
// clear error at the stub instead of a static_assert inside the runtime header.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <pybridge/pybridge.hpp>

#include <array>
#include <memory_resource>
#include <string>
#include <type_traits>
#include <vector>

// A partial specialization counts as a converter for every type it matches (here: every enum).
template <class E> struct pybridge::Converter<E, std::enable_if_t<std::is_enum_v<E>>> {
  static void to_python(pybridge::ValueBuilder out, E value) { out.set_int(static_cast<int>(value)); }
  static E from_python(pybridge::ValueRef in) { return static_cast<E>(in.as_int()); }
};
// An explicit specialization for a std type the runtime does not convert.
template <> struct pybridge::Converter<std::array<double, 2>> {
  static void to_python(pybridge::ValueBuilder out, const std::array<double, 2> &a) {
    out.set_float(a[0] + a[1]);
  }
  static std::array<double, 2> from_python(pybridge::ValueRef in) { return {in.as_float(), 0}; }
};

namespace fx {
enum class Level { Low, High };
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_level(Level value, double low, double high);
[[pybridge::bind("pybridge_check_fixture.clip")]] Level clip_to_level(double value, double low, double high);
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_array(std::array<double, 2> value, double low, double high);

// Only the types the runtime's converters name exactly have a converter; look-alikes do not.
[[pybridge::bind("pybridge_check_fixture.words")]] long pmr_words(std::pmr::string text); // expected-error {{no pybridge::Converter for 'std::pmr::string'}}
[[pybridge::bind("pybridge_check_fixture.words")]] long uchar_words(std::basic_string<unsigned char> text); // expected-error {{no pybridge::Converter for 'std::basic_string<unsigned char>'}}
[[pybridge::bind("pybridge_check_fixture.words")]] long volatile_words(volatile char *text); // expected-error {{no pybridge::Converter for 'volatile char *'}}
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_wide(__int128 value, double low, double high); // expected-error {{no pybridge::Converter for '__int128'}}

// A type inside a container is named, with the container.
struct Point { double x, y; };
[[pybridge::bind("pybridge_check_fixture.join_words")]] std::string join_points(std::vector<Point> parts); // expected-error {{no pybridge::Converter for 'Point' in 'std::vector<Point>'; specialize pybridge::Converter for it (see pybridge/convert.hpp)}}

// One direction only.
struct OnlyOut { double v; };
struct Declared {};
} // namespace fx
template <> struct pybridge::Converter<fx::OnlyOut> {
  static void to_python(pybridge::ValueBuilder out, const fx::OnlyOut &o) { out.set_float(o.v); }
};
template <> struct pybridge::Converter<fx::Declared>; // declared, never defined
namespace fx {
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_out(OnlyOut value, double low, double high);
[[pybridge::bind("pybridge_check_fixture.clip")]] OnlyOut clip_back(double value, double low, double high); // expected-error {{'OnlyOut' cannot hold a Python result: its pybridge::Converter has no from_python}}
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip_declared(Declared value, double low, double high); // expected-error {{no pybridge::Converter for 'Declared'}}

// A view cannot own what Python sends back, even when the result is untyped.
[[pybridge::bind("pybridge_check_fixture.untyped")]] std::string_view untyped_view(long a); // expected-error {{'std::string_view' (aka 'basic_string_view<char>') cannot hold a Python result: its pybridge::Converter has no from_python}}
[[pybridge::bind("pybridge_check_fixture.words")]] std::vector<std::string_view> words_views(std::string text); // expected-error {{'std::string_view' (aka 'basic_string_view<char>') cannot hold a Python result (in 'std::vector<std::string_view>'}}
struct [[pybridge::bind("pybridge_check_fixture.Dynamic")]] Dynamic : pybridge::Object {
  std::string_view anything(); // expected-error {{cannot hold a Python result}}
  std::string name();
};

// A bound class only declared here cannot be converted: its definition must come first.
struct [[pybridge::bind("pybridge_check_fixture.Base")]] Later;
[[pybridge::bind("pybridge_check_fixture.describe")]] std::string describe_later(const Later &item); // expected-error {{'Later' is an incomplete type here; its definition must come before the stub to convert it}}
} // namespace fx
