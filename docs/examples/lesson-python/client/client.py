# The seed lesson's client, as the lesson wrote it (ported to Python 3). The lesson connects to
# socket.gethostname(), its own machine; the harness runs the client in the server's network namespace,
# so that machine is 127.0.0.1 here.
import socket

s = socket.socket()
s.connect(('127.0.0.1', 40674))
print(s.recv(1024).decode())
s.close()
