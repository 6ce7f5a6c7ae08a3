"""Writing the search files, plain: the site-wide precompression step gives them their .gz and .br
twins with every other text file of the site."""

from pathlib import Path


def write_files(folder, files):
    """Every {relative name: bytes} into folder."""
    folder = Path(folder)
    for name, data in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
