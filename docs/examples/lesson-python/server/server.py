# The seed lesson's server, as the lesson wrote it (ported to Python 3: print() and a bytes greeting).
import socket

s = socket.socket()
s.bind(('', 40674))
s.listen(5)
while True:
    c, addr = s.accept()
    print('Got connection from', addr)
    c.send(b'Thank you for connecting')
    c.close()
