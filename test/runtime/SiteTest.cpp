// Call-site strings as the plugin writes them: target, keywords, library hash,
// flags.
#include <pybridge/detail/call.hpp>

#include <gtest/gtest.h>

namespace {

using pybridge::detail::Site;

TEST(Site, AllFourParts) {
  Site site("math.factorial|,n|math@abc123|cache=60000,idempotent");
  EXPECT_EQ(site.target(), "math.factorial");
  EXPECT_EQ(site.module(), "math");
  EXPECT_EQ(site.hash(), "abc123");
  EXPECT_EQ(site.flags(), "cache=60000,idempotent");
  EXPECT_EQ(site.next_keyword(), "");
  EXPECT_EQ(site.next_keyword(), "n");
}

TEST(Site, TargetOnly) {
  Site site("statistics.median");
  EXPECT_EQ(site.target(), "statistics.median");
  EXPECT_EQ(site.module(), "");
  EXPECT_EQ(site.hash(), "");
  EXPECT_EQ(site.flags(), "");
  EXPECT_EQ(site.next_keyword(), "");
}

TEST(Site, FlagsWithoutLibrary) {
  Site site("pybridge_faults.counted|||cache");
  EXPECT_EQ(site.module(), "");
  EXPECT_EQ(site.hash(), "");
  EXPECT_EQ(site.flags(), "cache");
}

TEST(Site, LibraryWithoutFlags) {
  Site site("textwrap.shorten|,width|textwrap@ff00");
  EXPECT_EQ(site.module(), "textwrap");
  EXPECT_EQ(site.hash(), "ff00");
  EXPECT_EQ(site.flags(), "");
}

} // namespace
