"""A real SMTP server for the e-mail tests: accepts every message and writes it to a folder.

    .venv/bin/python tests/smtp_sink.py --port 0 --dir /tmp/mail

Listens on 127.0.0.1, prints "PORT <n>" on stdout once it accepts connections (useful with
--port 0), and writes each message as <dir>/<sequence>-<id>.eml, renamed into place only when
complete so a reader never sees half a message. Recipients given at RCPT TO are added as an
X-Sink-Rcpt-To header. With --login USER:PASSWORD clients must authenticate. Recipients at the reserved .invalid TLD are refused with 550, as a
relay refuses a domain that does not exist. Stops on SIGTERM or when stdin closes (the test process died).
"""

import argparse
import asyncio
import itertools
import logging
import os
import signal
import sys
import uuid
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        self.sequence = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Like a relay that finds no such domain: the reserved .invalid TLD never exists.
        if address.lower().endswith(".invalid"):
            return "550 5.1.2 Bad destination mailbox address: no such domain"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = f"{next(self.sequence):06d}-{uuid.uuid4().hex}"
        partial = os.path.join(self.folder, name + ".part")
        rcpt = ", ".join(envelope.rcpt_tos).encode()
        with open(partial, "wb") as out:
            out.write(b"X-Sink-Rcpt-To: " + rcpt + b"\r\n")
            out.write(envelope.original_content or envelope.content)
        os.replace(partial, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--login", help="USER:PASSWORD every client must AUTH with")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    loop = asyncio.get_running_loop()
    handler = FolderHandler(args.dir)
    options = {"hostname": "smtp-sink.test"}
    if args.login:
        user, password = args.login.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (
                auth_data.login.decode() == user and auth_data.password.decode() == password
            )
            return AuthResult(success=ok, handled=False)

        # Plain-text AUTH is fine on loopback; a real relay would insist on TLS. Silence
        # aiosmtpd's warning about exactly that.
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    server = await loop.create_server(lambda: SMTP(handler, **options), "127.0.0.1", args.port)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)

    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    # The parent holds our stdin; when it exits (even killed), stdin reaches EOF.
    loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.buffer.read1(4096) or stop.set())
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
