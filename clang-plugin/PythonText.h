//===- PythonText.h - Python types as Python spells them --------*- C++ -*-===//
#ifndef PYBRIDGE_PLUGIN_PYTHONTEXT_H
#define PYBRIDGE_PLUGIN_PYTHONTEXT_H

#include "Descriptor.h"

#include <string>

namespace pybridge {

/// `list[float]`, `float | decimal.Decimal`, `tuple[int, ...]`, `Literal['C',
/// 'F']`.
std::string formatType(const TypeExpr &T);

/// `median(data: Iterable[float]) -> float`, with `/` and `*` where Python puts
/// them.
std::string formatSignature(llvm::StringRef Name, const Signature &S, bool ShowResult = true);

/// Where a signature's types came from, for notes: "typeshed
/// statistics.pyi:56", "run-time annotations", "the stub /path/x.pyi:3",
/// "__text_signature__, no types".
std::string describeSource(llvm::StringRef Source);

} // namespace pybridge

#endif
