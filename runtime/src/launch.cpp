#include "launch.hpp"

#include "paths.hpp"

#include <cstdlib>
#include <filesystem>

extern char **environ;

namespace pybridge::detail {

namespace {
const char *env_or_null(const char *name) {
  const char *value = std::getenv(name);
  return value && *value ? value : nullptr;
}

bool starts_with_name(std::string_view entry, std::string_view name) {
  return entry.size() > name.size() && entry.substr(0, name.size()) == name &&
         entry[name.size()] == '=';
}
} // namespace

Interpreter choose_python(std::string_view explicit_path, std::string_view explicit_origin) {
  if (!explicit_path.empty())
    return {std::string(explicit_path), std::string(explicit_origin)};
  if (const char *python = env_or_null("PYBRIDGE_PYTHON"))
    return {python, "PYBRIDGE_PYTHON"};
  if (const char *venv = env_or_null("VIRTUAL_ENV")) {
    std::error_code error;
    std::filesystem::path python = std::filesystem::path(venv) / "bin" / "python";
    if (std::filesystem::exists(python, error))
      return {python.string(), "the active virtual environment (VIRTUAL_ENV)"};
  }
  return {default_python(), "the interpreter PyBridge was built with"};
}

std::string absolute_search_path(const char *value) {
  if (!value || !*value)
    return "";
  std::error_code error;
  std::filesystem::path here = std::filesystem::current_path(error);
  std::string result;
  std::string_view rest(value);
  for (bool first = true;; first = false) {
    std::size_t colon = rest.find(':');
    std::filesystem::path entry(rest.substr(0, colon));
    if (!first)
      result += ':';
    result += (entry.empty() ? here : here / entry).string();
    if (colon == std::string_view::npos)
      break;
    rest.remove_prefix(colon + 1);
  }
  return result;
}

AgentCommand agent_command(const std::string &python, const std::vector<std::string> &arguments) {
  AgentCommand command;
  std::string agent = agent_path();
  command.argv = {python, agent + "/pybridge_agent_main.py"};
  command.argv.insert(command.argv.end(), arguments.begin(), arguments.end());

  std::string python_path = "PYTHONPATH=" + agent;
  if (std::string user = absolute_search_path(env_or_null("PYTHONPATH")); !user.empty())
    python_path += ":" + user;
  command.env = {python_path, "PYTHONUNBUFFERED=1"};
  if (std::string stubs = absolute_search_path(env_or_null("PYBRIDGE_STUB_PATH")); !stubs.empty())
    command.env.push_back("PYBRIDGE_STUB_PATH=" + stubs);
  for (char **entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    if (!starts_with_name(text, "PYTHONPATH") && !starts_with_name(text, "PYBRIDGE_STUB_PATH") &&
        !starts_with_name(text, "PYTHONUNBUFFERED"))
      command.env.emplace_back(text);
  }
  return command;
}

} // namespace pybridge::detail
