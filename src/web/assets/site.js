// Small enhancements only: every page reads completely without this file.
(() => {
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Older browsers, or no clipboard permission: fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      return ok;
    }
  };

  for (const link of document.querySelectorAll('[data-copy-link]')) {
    link.setAttribute('role', 'button');
    link.addEventListener('click', async (event) => {
      event.preventDefault();
      const label = link.querySelector('.share__label');
      const status = link.parentElement?.querySelector('.share__status');
      const ok = await copy(link.getAttribute('data-copy-link') || location.href);
      const message = ok ? 'Link Copied' : 'Copy failed: select the address bar instead';
      if (label) label.textContent = message;
      if (status) status.textContent = message;
      setTimeout(() => {
        if (label) label.textContent = 'Copy link';
        if (status) status.textContent = '';
      }, 4000);
    });
  }
})();
