"""Private, atomic file operations: the only code that creates or replaces our files.

Every file holds personal data about employees, so files are 0600 and the
directories we create are 0700, whatever the umask says.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from .errors import UnreadableFileError, WriteFailedError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and missing parents) as 0700; leave existing ones alone."""
    missing = []
    probe = directory
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # another process won the race; its mode is its own business
        except OSError as exc:
            raise WriteFailedError(f"Could not create the folder {path}: {exc.strerror}.") from exc
        # mkdir's mode is filtered through the umask; chmod is not.
        os.chmod(path, DIR_MODE)


def temp_name(path: Path) -> Path:
    """A temporary file name beside ``path``: hidden, unique, and recognisable as ours."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def stale_temps(path: Path) -> list[Path]:
    """Temporary files of ``path`` left behind by a process that died mid-write."""
    return sorted(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))


def remove_stale_temps(path: Path) -> None:
    """Delete leftovers of interrupted writes. Call only while holding the lock."""
    for leftover in stale_temps(path):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def describe_os_error(exc: OSError) -> str:
    """A sentence about a failed write that tells the user what to do."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full. Free some space and try again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{exc.strerror.lower()}. Check that you may write to that folder"
    return f"{(exc.strerror or str(exc)).lower()}"


def atomic_write(path: Path, data: bytes | Path) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, whole.

    Temporary file in the same directory, flush, fsync, rename, fsync the directory.
    On any failure the temporary file is removed and ``path`` is untouched.
    """
    put_in_place(write_temp(path, data), path)


def write_temp(path: Path, data: bytes | Path) -> Path:
    """``data`` written and fsynced to a temporary file beside ``path``, for `put_in_place`.

    ``data`` is bytes, or a file (a backup of the database) copied by the kernel: 24 MB
    read into this process would stay in its memory, kept by the allocator.
    """
    ensure_private_dir(path.parent)
    tmp = temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            if isinstance(data, Path):
                _copy_into(fd, data)
            else:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise WriteFailedError(
            f"Could not save {path}: {describe_os_error(exc)}. Nothing was changed."
        ) from exc
    return tmp


def _copy_into(fd: int, source: Path) -> None:
    """Copy the file ``source`` to the open file ``fd``, in the kernel."""
    with open(source, "rb") as src:
        offset, size = 0, os.fstat(src.fileno()).st_size
        while offset < size:
            sent = os.sendfile(fd, src.fileno(), offset, size - offset)
            if not sent:
                raise OSError(errno.EIO, f"{source} ended early")
            offset += sent


def put_in_place(tmp: Path, path: Path) -> None:
    """Rename a temporary file written by `write_temp` over ``path``, durably."""
    try:
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise WriteFailedError(
            f"Could not save {path}: {describe_os_error(exc)}. Nothing was changed."
        ) from exc
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_bytes(path: Path) -> tuple[bytes, tuple[int, int, int]] | None:
    """The file's bytes and the identity (inode, size, mtime) of exactly those bytes.

    None when the file does not exist; `UnreadableFileError` when it can't be read
    (another user's file, a folder, an I/O error), never a bare ``OSError``.
    """
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            return fh.read(), (st.st_ino, st.st_size, st.st_mtime_ns)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise cannot_read(path, exc) from None


def identity(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of ``path``, or None: changes whenever the file is replaced."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise cannot_read(path, exc) from None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def cannot_read(path: Path, exc: OSError) -> UnreadableFileError:
    """The refusal for a file the operating system won't let us read."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UnreadableFileError(
            f"{path} can't be read by you (permission denied): it, or its folder, may "
            f"belong to another user. It was left untouched. See who owns it with "
            f"ls -l '{path}'; if it is yours, make it readable with chmod u+rw '{path}', "
            f"or use a database of your own with --db."
        )
    return UnreadableFileError(
        f"{path} can't be read: {describe_os_error(exc)}. It was left untouched."
    )


def make_private(fd: int) -> None:
    """Give an open file of ours the mode 0600, whatever it had (a journal or lock file
    made by an older version, or copied in by hand); not ours to change: left alone."""
    with contextlib.suppress(OSError):
        if os.fstat(fd).st_mode & 0o777 != FILE_MODE:
            os.fchmod(fd, FILE_MODE)


def exposure(directory: Path) -> str | None:
    """Why ``directory`` is not private enough for personal data, or None when it is."""
    try:
        mode = os.stat(directory).st_mode & 0o777
    except OSError:
        return None
    if not mode & 0o022:
        return None
    who = "every user of this computer" if mode & 0o002 else "other members of its group"
    return (
        f"The folder {directory} can be changed by {who} (mode {mode:04o}): they could "
        f"replace or delete the personal data in it. Fix: chmod 700 '{directory}'."
    )
