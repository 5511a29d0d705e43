"""tools/devserver.py: why `make serve` / `make devserver` cannot listen, said for the owner
(from a newcomer's try: a wrong BIND was called a busy port, a port out of range a traceback)."""

import socket

from tools.devserver import listen_problem


def test_a_free_port_is_no_problem():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert listen_problem("127.0.0.1", port, "serve") is None


def test_a_busy_port_suggests_the_next_one_for_the_same_target():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        said = listen_problem("127.0.0.1", port, "serve")
    assert said == (
        f"Cannot listen on 127.0.0.1:{port}: another server is running there. Stop it, or "
        f"choose another port: make serve PORT={port + 1}"
    )


def test_an_address_this_computer_does_not_have_is_not_called_a_busy_port():
    # 192.0.2.0/24 is for documentation (RFC 5737): no computer has it.
    said = listen_problem("192.0.2.5", 8420, "devserver")
    assert said.startswith("Cannot listen on 192.0.2.5:8420: this computer has no address")


def test_a_port_out_of_range_is_one_line_not_a_traceback():
    said = listen_problem("127.0.0.1", 99999, "serve")
    assert said.endswith("PORT must be a number from 1 to 65535, such as make serve PORT=8000")
