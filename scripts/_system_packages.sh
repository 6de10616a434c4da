# Debian packages the tests use: PDF tools to read exports back, fonts for every script the
# PDF must print, xdg-utils for Email…, the desktop-entry validators, and chromium with its
# driver to open the room's participant page as a phone would. Installed when
# running as root (CI, fresh machines); otherwise the missing ones are named.
needed=(poppler-utils qpdf fonts-dejavu-core fonts-noto-core fonts-wqy-zenhei fonts-symbola
        xdg-utils desktop-file-utils appstream chromium chromium-driver)
if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for pkg in "${needed[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "Some tests need: sudo apt-get install ${missing[*]}" >&2
    fi
  fi
fi
