from email.message import EmailMessage

msg = EmailMessage()
msg["From"] = "ada@example.org"
msg["To"] = "grace@example.org"
msg["Subject"] = "Typed bridges"
msg["X-Draft"] = "yes"
msg.set_content("Hello Grace,\nthe stubs compile now.\n")
print(f"subject: {msg['Subject'] or '?'}")
print(f"has X-Draft {1 if 'X-Draft' in msg else 0}, missing header -> {msg['Cc'] or '(none)'}")
del msg["X-Draft"]
print("keys:" + "".join(f" {key}" for key in msg.keys()))
print(f"type {msg.get_content_type()}, multipart {1 if msg.is_multipart() else 0}\n---")
print(msg.as_string(), end="")
