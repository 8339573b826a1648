import csv
import io

source = io.StringIO("city;month;rain\nOslo;jan;49\nOslo;feb;36\nBergen;jan;190\n"
                     "Bergen;feb;152\nTromso;jan;95\n")
total = {}
header = True
for row in csv.reader(source, delimiter=";"):
    if header:
        header = False
        continue
    total[row[0]] = total.get(row[0], 0) + int(row[2])
output = io.StringIO()
out = csv.writer(output)
out.writerow(["city", "rain"])
for city in sorted(total):
    out.writerow([city, str(total[city])])
print(output.getvalue(), end="")
