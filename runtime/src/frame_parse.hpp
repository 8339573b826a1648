// Parsing a received Frame: values nested MAX_VALUE_DEPTH deep, and an answer for the call a
// frame that does not parse belonged to.
#pragma once

#include "pybridge.pb.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace google::protobuf::io {
class ZeroCopyInputStream;
}

namespace pybridge::detail {

/// Parses `data` into `frame`, taking messages nested MAX_MESSAGE_DEPTH deep (protobuf's
/// default stops at 100, about 48 nested lists). False when it does not parse.
bool parse_frame(v1::Frame &frame, std::string_view data);
bool parse_frame(v1::Frame &frame, google::protobuf::io::ZeroCopyInputStream &data);

/// What stands in for a reply or stream item that does not parse: the reply to its call
/// with a PROTOCOL fault, holding the objects the worker registered for it (so they are
/// released). A stream item's stream must also be cancelled (`cancel`), or the worker goes
/// on sending items nobody asks for.
struct Unreadable {
  v1::Frame reply;
  std::optional<v1::Frame> cancel;
};
/// None when `data` names no call (read as proto's FrameHeader).
std::optional<Unreadable> unreadable_reply(std::string_view data);

} // namespace pybridge::detail
