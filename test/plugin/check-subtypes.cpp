// Python's subtype relation (docs/plugin.md, "Types"): an argument fits when the Python type it
// is sent as is a subtype of the parameter's — by the MRO or a stub's declared bases, by ABC
// registration, by a protocol's members, or by numeric promotion; a result fits when what
// Python returns converts into what the C++ type takes.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/ndarray.hpp>

#include <deque>
#include <map>
#include <set>

using pybridge::Bytes;
using pybridge::Object;

// Classes of the standard library, bound as stub classes.
namespace py {
struct [[pybridge::bind("collections.deque")]] Deque : Object {
  using Object::Object;
  explicit Deque(std::vector<long> items);
};
struct [[pybridge::bind("io.StringIO")]] StringIO : Object {
  using Object::Object;
  explicit StringIO(std::string text);
};
struct [[pybridge::bind("io.BytesIO")]] BytesIO : Object {
  using Object::Object;
  explicit BytesIO(Bytes data);
};
struct [[pybridge::bind("pathlib.PurePosixPath")]] PurePosixPath : Object {
  using Object::Object;
  explicit PurePosixPath(std::string path);
};
struct [[pybridge::bind("fractions.Fraction")]] Fraction : Object {
  using Object::Object;
  Fraction(long numerator, long denominator);
  bool operator<(const Fraction &other); // __lt__(b: int | float | Decimal | numbers.Real)
};
struct [[pybridge::bind("difflib.SequenceMatcher")]] SequenceMatcher : Object {
  using Object::Object;
  SequenceMatcher();
  void set_seq1(std::string a); // a str is a Sequence[Any]
  void set_seq2(std::string b);
  double ratio();
};
struct [[pybridge::bind("pybridge_types_fixture.Tape")]] Tape : Object {
  using Object::Object;
  explicit Tape(std::string text);
};

// Nominal through typeshed's declared bases: deque(MutableSequence[T]), BytesIO(BinaryIO),
// PurePath(PathLike[str]), _csv._reader(Iterator[list[str]]).
[[pybridge::bind("statistics.mean")]] double mean(Deque data);
[[pybridge::bind("pybridge_types_fixture.total")]] long total(Deque values);
[[pybridge::bind("pybridge_types_fixture.size_of")]] long size_of(Deque data);
[[pybridge::bind("csv.reader")]] pybridge::Stream<std::vector<std::string>> reader(StringIO csvfile);
[[pybridge::bind("base64.encode")]] void encode(BytesIO input, BytesIO output);
// A contravariant protocol argument compares the other way: BytesIO.write takes any buffer,
// so it is a SupportsWrite[bytes] (shutil.copyfileobj's AnyStr picks bytes).
[[pybridge::bind("shutil.copyfileobj")]] void copyfileobj(BytesIO fsrc, BytesIO fdst);
[[pybridge::bind("shutil.copyfileobj")]] void copyfileobj_deque(BytesIO fsrc, Deque fdst); // expected-error {{Python parameter 'fdst' expects 'SupportsWrite[str | bytes]', not 'Deque'}} expected-note {{declared here}}
[[pybridge::bind("os.fspath")]] std::string fspath(PurePosixPath path);
[[pybridge::bind("pybridge_types_fixture.path_text")]] std::string path_text(PurePosixPath path);
[[pybridge::bind("pybridge_types_fixture.first_line")]] std::string first_line(StringIO stream);
[[pybridge::bind("pybridge_types_fixture.first_line")]] std::string first_line_bytes(BytesIO stream); // expected-error {{Python parameter 'stream' expects 'IO[str]', not 'BytesIO'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.path_text")]] std::string path_text_deque(Deque path); // expected-error {{Python parameter 'path' expects 'os.PathLike[str]', not 'Deque'}} expected-note {{declared here}}

// The numeric tower by registration: a Fraction is a numbers.Real, and so is a float.
[[pybridge::bind("pybridge_types_fixture.halve")]] double halve(Fraction x);
[[pybridge::bind("pybridge_types_fixture.halve")]] double halve_double(double x);
[[pybridge::bind("pybridge_types_fixture.halve")]] double halve_long(long x);
[[pybridge::bind("pybridge_types_fixture.halve")]] double halve_text(std::string x); // expected-error {{Python parameter 'x' expects 'numbers.Real', not 'std::string'}} expected-note {{declared here}}

// Protocols by the members a class really has: Tape defines read() and __iter__.
[[pybridge::bind("pybridge_types_fixture.read_all")]] std::string read_all(Tape source);
[[pybridge::bind("pybridge_types_fixture.read_all")]] std::string read_all_io(StringIO source);
[[pybridge::bind("pybridge_types_fixture.total")]] long total_words(Tape values); // expected-error {{Python parameter 'values' expects 'Iterable[int]', not 'Tape'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.read_all")]] std::string read_all_deque(Deque source); // expected-error {{Python parameter 'source' expects 'pybridge_types_fixture.Readable', not 'Deque'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.index_of")]] long index_of(long i);
[[pybridge::bind("pybridge_types_fixture.index_of")]] long index_of_double(double i); // expected-error {{Python parameter 'i' expects 'SupportsIndex', not 'double'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.halve")]] double halve_bool(bool x); // expected-error {{Python parameter 'x' expects 'numbers.Real', not 'bool'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.to_float")]] double to_float(Fraction x);
[[pybridge::bind("pybridge_types_fixture.to_float")]] double to_float_long(long x);

// A protocol inside a union accepts only what has its members: a Python int has no dtype.
[[pybridge::bind("pybridge_types_fixture.read_or_count")]] std::string read_or_count(long source);
[[pybridge::bind("pybridge_types_fixture.read_or_count")]] std::string read_or_count_tape(Tape source);
[[pybridge::bind("pybridge_types_fixture.read_or_count")]] std::string read_or_count_double(double source); // expected-error {{Python parameter 'source' expects 'pybridge_types_fixture.Readable | int', not 'double'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.zeros")]] std::vector<double> zeros(long shape, long dtype); // expected-error {{Python parameter 'dtype' expects 'type | pybridge_types_fixture.HasDType | None', not 'long'}} expected-note {{declared here}}
[[pybridge::bind("numpy.zeros")]] pybridge::NDArray numpy_zeros(long shape, long dtype); // expected-error {{Python parameter 'dtype' expects 'None', not 'long'}} expected-note {{none of the 3 overloads of 'numpy.zeros' matches the stub}} expected-note-re 1+ {{candidate {{.*}}parameter 'dtype' expects}}

// Containers: a str is a Sequence, a tuple is a Sequence, a dict a Mapping.
[[pybridge::bind("random.sample")]] std::vector<long> sample(std::tuple<long, long, long> population, long k);
[[pybridge::bind("statistics.mean")]] double mean_pair(std::pair<long, long> data);
[[pybridge::bind("pybridge_types_fixture.size_of")]] long size_of_pair(std::pair<long, long> data);
[[pybridge::bind("pybridge_types_fixture.size_of")]] long size_of_text(std::string data); // expected-error {{Python parameter 'data' expects 'Sequence[int]', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.size_of")]] long size_of_set(std::set<long> data); // expected-error {{Python parameter 'data' expects 'Sequence[int]', not 'std::set<long>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.total")]] long total_set(std::set<long> values);
[[pybridge::bind("pybridge_types_fixture.total")]] long total_keys(std::map<long, std::string> values);
[[pybridge::bind("pybridge_types_fixture.pairs")]] std::vector<std::pair<std::string, long>> pairs(std::map<std::string, long> items);
// The mutable ABCs and typing's AbstractSet check by the same table (the agent keeps their
// names): a C++ vector goes as a list, a map as a dict, a set as a set; a tuple is not mutable.
[[pybridge::bind("pybridge_types_fixture.sort_in_place")]] void sort_in_place(std::vector<long> items);
[[pybridge::bind("pybridge_types_fixture.sort_in_place")]] void sort_in_place_tuple(std::tuple<long, long> items); // expected-error {{Python parameter 'items' expects 'MutableSequence[int]', not 'std::tuple<long, long>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.sort_in_place")]] void sort_in_place_text(std::string items); // expected-error {{Python parameter 'items' expects 'MutableSequence[int]', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.count_into")]] void count_into(std::map<std::string, long> counts, std::string word);
[[pybridge::bind("pybridge_types_fixture.count_into")]] void count_into_vector(std::vector<std::string> counts, std::string word); // expected-error {{Python parameter 'counts' expects 'MutableMapping[str, int]', not 'std::vector<std::string>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.common")]] std::vector<long> common(std::set<long> a, std::set<long> b);
[[pybridge::bind("pybridge_types_fixture.common")]] std::vector<long> common_vector(std::set<long> a, std::vector<long> b); // expected-error {{Python parameter 'b' expects 'AbstractSet[int]', not 'std::vector<long>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.pairs")]] std::vector<std::pair<std::string, long>> pairs_vector(std::vector<std::string> items); // expected-error {{Python parameter 'items' expects 'Mapping[str, int]', not 'std::vector<std::string>'}} expected-note {{declared here}}

// Results: what Python returns must convert into the C++ type.
[[pybridge::bind("pybridge_types_fixture.as_rational")]] long as_rational(long x); // expected-error {{'pybridge_types_fixture.as_rational' returns 'numbers.Rational', not 'long'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.as_rational")]] Fraction as_fraction(long x);
[[pybridge::bind("pybridge_types_fixture.as_rational")]] Object as_object(long x);
// An abstract result may be any of its implementations: a Stream iterates any iterable, a
// std::vector converts a list, tuple or set only.
[[pybridge::bind("pybridge_types_fixture.seen")]] pybridge::Stream<long> seen();
[[pybridge::bind("pybridge_types_fixture.seen")]] std::vector<long> seen_vector(); // expected-error {{'pybridge_types_fixture.seen' returns 'Sequence[int]', not 'std::vector<long>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.backwards")]] pybridge::Stream<long> backwards(long n);
[[pybridge::bind("pybridge_types_fixture.backwards")]] std::vector<long> backwards_vector(long n); // expected-error {{returns 'Reversible[int]', not 'std::vector<long>'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.backwards")]] pybridge::Stream<std::string> backwards_text(long n); // expected-error {{items of 'pybridge_types_fixture.backwards' are 'int', not 'std::string'}} expected-note {{declared here}}
[[pybridge::bind("pybridge_types_fixture.squares")]] pybridge::Stream<long> squares(long n);
[[pybridge::bind("pybridge_types_fixture.squares")]] std::vector<long> squares_vector(long n); // expected-error {{'pybridge_types_fixture.squares' is a generator; return pybridge::Stream<T> (items are 'int')}} expected-note {{declared here}}
[[pybridge::bind("builtins.sorted")]] std::vector<long> sorted(Deque iterable);
[[pybridge::bind("pybridge_types_fixture.biggest")]] std::string biggest(std::vector<std::string> items);
[[pybridge::bind("pybridge_types_fixture.twice")]] double twice(double x);
[[pybridge::bind("pybridge_types_fixture.twice")]] double twice_text(std::string x); // expected-error {{Python parameter 'x' expects 'int | float', not 'std::string'}} expected-note {{declared here}}
} // namespace py
// REQUIRES: python-numpy
