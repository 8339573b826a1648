// Call-site strings: what the plugin writes (site_format.hpp) the runtime reads back; a site of
// another format version, or with a flag this version does not define, is a BridgeError.
#include "RuntimeTestSupport.hpp"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>

#include <gtest/gtest.h>

namespace {

using pybridge::detail::Site;
using pybridge::detail::SitePolicy;
using pybridge_test::call_site;

TEST(Site, ReadsWhatIsWritten) {
  std::string text =
      call_site("math.factorial", {.keywords = {"", "n"},
                                   .module = "math",
                                   .hash = "abc123",
                                   .policy = {.cache_ms = 60000, .idempotent = true}});
  Site site(text);
  EXPECT_EQ(site.target(), "math.factorial");
  EXPECT_EQ(site.module(), "math");
  EXPECT_EQ(site.hash(), "abc123");
  EXPECT_EQ(site.flags(), "cache=60000,idempotent");
  EXPECT_EQ(site.policy().cache_ms, 60000u);
  EXPECT_TRUE(site.policy().idempotent);
  EXPECT_EQ(site.next_keyword(), "");
  EXPECT_EQ(site.next_keyword(), "n");
  EXPECT_EQ(site.next_keyword(), "");
}

TEST(Site, TargetOnly) {
  std::string text = call_site("statistics.median"); // a Site views its text
  Site site(text);
  EXPECT_EQ(site.target(), "statistics.median");
  EXPECT_EQ(site.module(), "");
  EXPECT_EQ(site.hash(), "");
  EXPECT_EQ(site.flags(), "");
  EXPECT_FALSE(site.policy().idempotent);
  EXPECT_EQ(site.policy().cache_ms, 0u);
  EXPECT_EQ(site.next_keyword(), "");
}

TEST(Site, AllPositionalKeywordsAreLeftOut) {
  std::string text = call_site("math.hypot", {.keywords = {"", ""}});
  EXPECT_EQ(text.find("||"), text.find("math.hypot") + std::string("math.hypot").size());
}

TEST(Site, CacheUntilEvicted) {
  std::string text =
      call_site("pybridge_faults.counted", {.policy = {.cache_until_evicted = true}});
  Site site(text);
  EXPECT_EQ(site.flags(), "cache");
  EXPECT_TRUE(site.policy().cache_until_evicted);
}

TEST(Site, UnknownFlagIsAnError) {
  std::string text = call_site("math.sqrt", {.policy = {.idempotent = true}}) + ",speedy";
  try {
    Site site(text);
    FAIL() << "an unknown flag was accepted";
  } catch (const pybridge::BridgeError &error) {
    EXPECT_NE(std::string(error.what()).find("unknown call policy 'speedy'"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(Site(call_site("math.sqrt") + "cache=soon"), pybridge::BridgeError);
  EXPECT_THROW(Site(call_site("math.sqrt") + "cache=0"), pybridge::BridgeError);
}

TEST(Site, AnotherVersionIsAnError) {
  std::string text = call_site("math.sqrt");
  std::string next =
      std::to_string(pybridge::detail::site_format_version + 1) + text.substr(text.find('|'));
  try {
    Site site(next);
    FAIL() << "a site of another version was accepted";
  } catch (const pybridge::BridgeError &error) {
    EXPECT_NE(std::string(error.what()).find("this runtime reads format"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(Site("math.sqrt||math@abc"), pybridge::BridgeError); // no version at all
  EXPECT_THROW(Site(text + "|extra"), pybridge::BridgeError);       // six fields
}

} // namespace
