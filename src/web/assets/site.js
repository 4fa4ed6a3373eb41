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

  // Says how the copy went on the control and in its live region, then resets the label.
  const report = (label, status, message, idle) => {
    if (label) label.textContent = message;
    if (status) status.textContent = message;
    setTimeout(() => {
      if (label) label.textContent = idle;
      if (status) status.textContent = '';
    }, 4000);
  };

  for (const link of document.querySelectorAll('[data-copy-link]')) {
    link.setAttribute('role', 'button');
    link.addEventListener('click', async (event) => {
      event.preventDefault();
      const label = link.querySelector('.share__label');
      const status = link.parentElement?.querySelector('.share__status');
      const ok = await copy(link.getAttribute('data-copy-link') || location.href);
      const message = ok ? 'Link Copied' : 'Copy failed: select the address bar instead';
      report(label, status, message, 'Copy link');
    });
  }

  // "Cite this": each button copies the citation shown beside it, as plain text. The
  // buttons are hidden in the HTML, since without this script they could do nothing.
  for (const button of document.querySelectorAll('[data-copy-from]')) {
    const source = document.getElementById(button.getAttribute('data-copy-from') || '');
    if (!source) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const label = button.querySelector('.cite__copy-label');
      const status = button.parentElement?.querySelector('.cite__status');
      const ok = await copy(source.textContent.replace(/\s+/g, ' ').trim());
      report(label, status, ok ? 'Copied' : 'Copy failed: select the text instead', 'Copy');
    });
  }
})();
