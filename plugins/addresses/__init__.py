"""addresses: every address the live site has published keeps working (not a Pelican plugin).

The build driver calls `plan_addresses()` once every language is written, with the SiteIndex and
the items: each address in the ledger (`ADDRESSES_FILE`, written by `invoke publish`) must be a
page the build wrote, or become a redirect (the item was renamed: git says so; an `Aliases:` line;
a choice in `REDIRECTS_FILE`) or "gone" (chosen there). Why: docs/decisions/0010-addresses-never-break.md.
"""

from .plan import GONE, Plan, Redirect, plan_addresses
from .paths import address_file, check_address

__all__ = ["GONE", "Plan", "Redirect", "address_file", "check_address", "plan_addresses"]
