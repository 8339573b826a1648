import datetime as dt

lunch = dt.time(12, 30, 45)
print(lunch.isoformat(), f"{lunch.hour}h")
print(lunch.strftime("%I:%M %p"))
print(lunch.replace(13).isoformat("minutes"))
print(dt.time.fromisoformat("07:05:00.250000").isoformat())
cest = dt.timezone(dt.timedelta(hours=2), "CEST")
print(str(cest), repr(cest))
noon_utc = dt.datetime(2024, 3, 10, 12, 0, tzinfo=dt.timezone.utc)
print(f"offset {cest.utcoffset(noon_utc) // dt.timedelta(minutes=1)} min, name {cest.tzname(noon_utc)}")
print(f"years {dt.MINYEAR}..{dt.MAXYEAR}")
