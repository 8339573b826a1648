#include "frame_parse.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream.h>

#include <climits>

namespace pybridge::detail {

namespace {
constexpr std::string_view kUnreadable =
    "the worker's answer could not be read (a malformed message, or a value nested deeper "
    "than the wire's limit of ";

bool parse(v1::Frame &frame, google::protobuf::io::CodedInputStream &input) {
  input.SetRecursionLimit(v1::MAX_MESSAGE_DEPTH - 1); // (messages inside the Frame)
  return frame.ParseFromCodedStream(&input) && input.ConsumedEntireMessage();
}

v1::Frame fault_reply(std::uint64_t call_id,
                      const google::protobuf::RepeatedField<std::uint64_t> &ids) {
  v1::Frame frame;
  v1::CallReply *reply = frame.mutable_reply();
  reply->set_call_id(call_id);
  *reply->mutable_new_objects() = ids;
  reply->mutable_fault()->set_code(v1::BridgeFault::PROTOCOL);
  reply->mutable_fault()->set_message(std::string(kUnreadable) +
                                      std::to_string(v1::MAX_VALUE_DEPTH) + " containers)");
  return frame;
}
} // namespace

bool parse_frame(v1::Frame &frame, std::string_view data) {
  if (data.size() > static_cast<std::size_t>(INT_MAX))
    return false;
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const std::uint8_t *>(data.data()),
                                               static_cast<int>(data.size()));
  return parse(frame, input);
}

bool parse_frame(v1::Frame &frame, google::protobuf::io::ZeroCopyInputStream &data) {
  google::protobuf::io::CodedInputStream input(&data);
  return parse(frame, input);
}

std::optional<Unreadable> unreadable_reply(std::string_view data) {
  v1::FrameHeader header;
  if (data.size() > static_cast<std::size_t>(INT_MAX) ||
      !header.ParseFromArray(data.data(), static_cast<int>(data.size())))
    return std::nullopt;
  if (header.has_reply() && header.reply().call_id() != 0)
    return Unreadable{fault_reply(header.reply().call_id(), header.reply().new_objects()), {}};
  if (!header.has_item() || header.item().call_id() == 0)
    return std::nullopt;
  Unreadable unreadable{fault_reply(header.item().call_id(), header.item().new_objects()),
                        v1::Frame()};
  unreadable.cancel->mutable_cancel()->set_call_id(header.item().call_id());
  return unreadable;
}

} // namespace pybridge::detail
