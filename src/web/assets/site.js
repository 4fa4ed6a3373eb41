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

  // Search suggestions as the reader types: the WAI-ARIA combobox pattern on each search
  // box. Without this script the box is a plain GET form, which this leaves untouched:
  // Enter with no suggestion chosen still submits it.
  const KINDS = { publication: 'Publication', person: 'Person' };
  let boxes = 0;
  for (const input of document.querySelectorAll('input[data-suggest]')) {
    const endpoint = input.getAttribute('data-suggest');
    const base = input.getAttribute('data-base') || '';
    const id = `${input.id || `search-${++boxes}`}-suggestions`;
    const list = document.createElement('ul');
    list.id = id;
    list.className = 'search-suggest';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    list.hidden = true;
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.parentElement.append(list, status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', id);
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('autocomplete', 'off');

    let items = [];
    let active = -1;
    let timer;
    let pending;
    const options = () => list.querySelectorAll('[role="option"]');
    const choose = (index) => {
      active = index;
      options().forEach((option, i) => {
        option.setAttribute('aria-selected', String(i === index));
      });
      const option = options()[index];
      if (option) {
        input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    };
    const show = (open) => {
      list.hidden = !open;
      input.setAttribute('aria-expanded', String(open));
      if (!open) choose(-1);
    };
    const go = (item) => {
      if (item) location.href = base + item.path;
    };
    const render = (suggestions) => {
      items = suggestions;
      list.replaceChildren(
        ...suggestions.map((item, i) => {
          const option = document.createElement('li');
          option.id = `${id}-${i}`;
          option.setAttribute('role', 'option');
          option.setAttribute('aria-selected', 'false');
          option.dataset.index = String(i);
          const detail = document.createElement('span');
          detail.className = 'search-suggest__detail';
          const kind = item.detail || KINDS[item.kind] || '';
          detail.textContent = kind.charAt(0).toUpperCase() + kind.slice(1);
          option.append(item.label, ' ', detail);
          return option;
        }),
      );
      show(items.length > 0);
      status.textContent = items.length
        ? `${items.length} suggestion${items.length === 1 ? '' : 's'}: use the up and down arrows to choose.`
        : '';
    };
    const fetchFor = async (text) => {
      pending?.abort();
      pending = new AbortController();
      try {
        const url = `${endpoint}?q=${encodeURIComponent(text)}`;
        const response = await fetch(url, {
          signal: pending.signal,
          headers: { accept: 'application/json' },
        });
        const body = response.ok ? await response.json() : { suggestions: [] };
        if (input.value.trim() === text) render(body.suggestions || []);
      } catch {
        // Aborted by newer typing, or offline: the form works as before.
      }
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      const text = input.value.trim();
      if (text.length < 2 || text.length > 100) {
        pending?.abort();
        render([]);
        return;
      }
      timer = setTimeout(() => fetchFor(text), 200);
    });
    input.addEventListener('keydown', (event) => {
      const count = items.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (count === 0) return;
        event.preventDefault();
        if (list.hidden) show(true);
        const step = event.key === 'ArrowDown' ? 1 : -1;
        choose(active === -1 && step < 0 ? count - 1 : (active + step + count) % count);
      } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
        event.preventDefault();
        go(items[active]);
      } else if (event.key === 'Escape' && !list.hidden) {
        event.preventDefault();
        show(false);
      }
    });
    input.addEventListener('blur', () => show(false));
    // Keep the focus in the box while a suggestion is clicked.
    list.addEventListener('mousedown', (event) => event.preventDefault());
    list.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) go(items[Number(option.dataset.index)]);
    });
  }
})();
