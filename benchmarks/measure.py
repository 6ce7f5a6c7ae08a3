"""One build's wall time, CPU time and peak memory, measured inside this process.

CPU is user + system time of this process *and* of the children it reaped (os.times), so a
build that forks a process per language is charged for all of them. Peak memory is Linux's
VmHWM (peak resident set), reset before each build by writing 5 to /proc/self/clear_refs, so
builds run one after another in one process each get their own peak.
"""

import ctypes
import ctypes.util
import gc
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def vmhwm_mib(status_text):
    """The VmHWM (peak resident memory) of a /proc/<pid>/status text, in MiB."""
    for line in status_text.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise ValueError("no VmHWM in the process status: peak memory is measured on Linux only")


def rss_mib():
    """This process's resident memory now, in MiB."""
    for line in STATUS.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError("no VmRSS in /proc/self/status")


def peak_mib():
    """This process's peak resident memory since the last reset, in MiB."""
    return vmhwm_mib(STATUS.read_text())


def reset_peak():
    CLEAR_REFS.write_text("5")


def release_free_memory():
    """Hand the memory earlier builds freed back to the system (glibc keeps it otherwise), so
    that the next build's peak starts from what is really in use."""
    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc:
        trim = getattr(ctypes.CDLL(libc), "malloc_trim", None)
        if trim is not None:
            trim(0)


def _cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@dataclass
class Measurement:
    wall: float
    cpu: float
    peaks: dict = field(default_factory=dict)  # process ("parent", "ar", "en" …) → peak MiB
    start: float = 0.0  # this process's resident MiB when the build began: what earlier builds left, too

    @property
    def peak(self):
        """The largest peak of any one process: what must fit in the machine's memory per process."""
        return max(self.peaks.values())

    @property
    def peak_sum(self):
        """Every process's peak added up: the most the build could hold at once."""
        return sum(self.peaks.values())


def measured(build):
    """Run build() and measure it. If build returns an object with `process_peaks_mib` (the
    bilingual build's report, when it forks a process per language), those peaks are used —
    each child measures its own just before it exits; otherwise this process's peak."""
    release_free_memory()  # what the previous build left is not this build's memory
    reset_peak()
    start = rss_mib()
    cpu, wall = _cpu(), time.perf_counter()
    result = build()
    measurement = Measurement(wall=time.perf_counter() - wall, cpu=_cpu() - cpu, start=start)
    peaks = getattr(result, "process_peaks_mib", None)
    measurement.peaks = dict(peaks) if peaks else {"parent": peak_mib()}
    return measurement
