# configure-every-worker.cpp in Python: the output the C++ program must print.
import threading
import warnings

import numpy

numpy.set_printoptions(precision=3, suppress=True)
warnings.simplefilter("error")

printed = [None] * 32


def print_some(t):
    for i in range(8):
        n = t * 8 + i
        printed[n] = numpy.array2string(numpy.array([1.0 / (n + 1), n / 3.0, 1e-9 * n]))


threads = [threading.Thread(target=print_some, args=(t,)) for t in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for n in range(0, 32, 7):
    print(f"{n}: {printed[n]}")

raised, error = 0, ""
lock = threading.Lock()


def divide_some():
    global raised, error
    for _ in range(4):
        try:
            numpy.divide(numpy.array([1.0]), numpy.array([0.0]))
        except RuntimeWarning as e:
            with lock:
                raised += 1
                error = f"{type(e).__name__}: {e}"


dividers = [threading.Thread(target=divide_some) for _ in range(4)]
for thread in dividers:
    thread.start()
for thread in dividers:
    thread.join()
print(f"{raised} of 16 divisions by zero raised {error}")
