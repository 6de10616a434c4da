"""TrustBoard: run trust-assessment workshops on a projector, offline."""

__version__ = "0.1.0"
APP_ID = "org.trustboard.TrustBoard"
APP_NAME = "TrustBoard"
FILE_SUFFIX = ".trustboard"
