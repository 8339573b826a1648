import http

for code in (200, 301, 404, 503):
    status = http.HTTPStatus(code)
    print(f"{status.value} {status.name}: {status.phrase} -- {status.description}")
missing = http.HTTPStatus.NOT_FOUND
print(f"NOT_FOUND is {int(missing)}")
print(f"teapot: {http.HTTPStatus.IM_A_TEAPOT.phrase}")
hundreds, rest = divmod(missing, 100)
print(f"class {hundreds}xx, rest {rest}")
