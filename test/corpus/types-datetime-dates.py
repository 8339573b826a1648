import calendar
import datetime

launch = datetime.date(2024, 2, 27)
later = launch + datetime.timedelta(days=3)
print(f"{launch.isoformat()} + 3 days = {later.isoformat()} (weekday {later.weekday()})")
release = datetime.date.fromisoformat("2024-12-24")
print(f"days to release {(release - launch).days}, before {1 if launch < release else 0}")
moved = release.replace(2025, 1, 6)
print(f"moved {moved.strftime('%A %d %B %Y')}")
print(f"ordinal {moved.toordinal()} -> {datetime.date.fromordinal(moved.toordinal() + 1).isoformat()}")
first, days = calendar.monthrange(launch.year, 2)
print(f"February {launch.year}: starts on {first}, {days} days, leap {1 if calendar.isleap(launch.year) else 0}")
