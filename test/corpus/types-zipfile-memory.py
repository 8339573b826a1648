import io
import zipfile

buffer = io.BytesIO()
archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
archive.writestr("notes/readme.txt", "a" * 200 + " and some text")
archive.writestr("notes/", "")
archive.writestr("data.csv", "x,y\n1,2\n")
archive.close()
print(f"archive of {len(buffer.getvalue())} bytes")
buffer.seek(0)
archive = zipfile.ZipFile(buffer, "r", zipfile.ZIP_DEFLATED)
for name in archive.namelist():
    print(f"name {name}")
for info in archive.infolist():
    print(f"{info.filename}: {info.file_size} bytes, method {info.compress_type}, "
          f"dir {1 if info.is_dir() else 0}")
print("data.csv: " + archive.read("data.csv").decode(), end="")
