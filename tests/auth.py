"""How tests get past the second factor. The trust app owns the real mechanism."""


def mark_second_factor_verified(client, user) -> None:
    """After ``client.force_login(user)``: nothing to do until MFA exists."""


def browser_complete_login(page, user) -> None:
    """After submitting the password in a browser: nothing to do until MFA exists."""
