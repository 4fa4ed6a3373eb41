// The admin's body editor: a Markdown toolbar, a live preview drawn by the site's own
// renderer, clean Markdown from pasted HTML (word processors, web pages), a warning
// before leaving with unsaved changes, and an autosave in this browser. The form works
// without any of it.
(() => {
  const body = document.querySelector('textarea[data-markdown-editor]');
  if (!body) return;
  const form = body.form;
  const csrf = form?.querySelector('input[name="_csrf"]')?.value ?? '';
  const post = async (url, data) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...data, _csrf: csrf }),
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`${response.status}`);
    return response.json();
  };

  // ---- Toolbar: each button wraps the selection or starts a block at the line.
  const selection = () => ({
    start: body.selectionStart,
    end: body.selectionEnd,
    text: body.value.slice(body.selectionStart, body.selectionEnd),
  });
  const replace = (start, end, text, selectFrom, selectTo) => {
    body.focus();
    body.setRangeText(text, start, end, 'end');
    if (selectFrom !== undefined) body.setSelectionRange(selectFrom, selectTo ?? selectFrom);
    body.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const wrap = (before, after, placeholder) => {
    const { start, end, text } = selection();
    const inner = text || placeholder;
    replace(
      start,
      end,
      `${before}${inner}${after}`,
      start + before.length,
      start + before.length + inner.length,
    );
  };
  const lineStart = (prefix, placeholder) => {
    const { start, end, text } = selection();
    const from = body.value.lastIndexOf('\n', start - 1) + 1;
    const lines = (text || placeholder).split('\n');
    const numbered = prefix === '1. ';
    const block = lines.map((line, i) => `${numbered ? `${i + 1}. ` : prefix}${line}`).join('\n');
    if (text) replace(start, end, block);
    else
      replace(
        from,
        from,
        `${block}${body.value.slice(from, from + 1) === '\n' || from === body.value.length ? '' : '\n'}`,
      );
  };
  const nextFootnote = () => {
    let n = 1;
    while (body.value.includes(`[^${n}]`)) n++;
    return n;
  };
  const actions = {
    h2: () => lineStart('## ', 'Heading'),
    h3: () => lineStart('### ', 'Subheading'),
    bold: () => wrap('**', '**', 'bold text'),
    italic: () => wrap('_', '_', 'italic text'),
    link: () => {
      const { text } = selection();
      wrap('[', '](https://)', text || 'link text');
    },
    bullets: () => lineStart('- ', 'Item'),
    numbers: () => lineStart('1. ', 'Item'),
    quote: () => lineStart('> ', 'Quotation'),
    footnote: () => {
      const n = nextFootnote();
      const { end } = selection();
      replace(end, end, `[^${n}]`);
      const note = `\n\n[^${n}]: Note text.`;
      body.value = `${body.value.replace(/\s*$/, '')}${note}\n`;
      body.setSelectionRange(body.value.length - 'Note text.\n'.length, body.value.length - 1);
      body.dispatchEvent(new Event('input', { bubbles: true }));
    },
    table: () => {
      const { end } = selection();
      const table = '\n\n| Column | Column |\n|---|---|\n| Cell | Cell |\n\n';
      replace(end, end, table, end + 4, end + 10);
    },
  };
  const toolbar = document.createElement('div');
  toolbar.className = 'editor-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  toolbar.setAttribute('aria-controls', body.id);
  // Words, not symbols: an editor new to Markdown reads them, and a screen reader says
  // what is shown.
  const labels = {
    h2: 'Heading',
    h3: 'Subheading',
    bold: 'Bold',
    italic: 'Italic',
    link: 'Link',
    bullets: 'Bulleted list',
    numbers: 'Numbered list',
    quote: 'Quotation',
    footnote: 'Footnote',
    table: 'Table',
  };
  for (const [name, text] of Object.entries(labels)) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.dataset.action = name;
    button.addEventListener('click', () => actions[name]());
    toolbar.append(button);
  }
  body.before(toolbar);

  // ---- Live preview, drawn by the server with the renderer the site uses.
  const preview = document.createElement('section');
  preview.className = 'editor-preview';
  preview.setAttribute('aria-label', 'Preview');
  const previewTitle = document.createElement('h2');
  previewTitle.textContent = 'Preview';
  const previewBody = document.createElement('div');
  previewBody.className = 'editor-preview__body';
  preview.append(previewTitle, previewBody);
  body.after(preview);
  let timer;
  let sequence = 0;
  const refresh = () => {
    const mine = ++sequence;
    post('/admin/markdown-preview', { markdown: body.value })
      .then(({ html }) => {
        // Our own renderer's output: raw HTML in the source is shown as text, never run.
        if (mine === sequence) previewBody.innerHTML = html;
      })
      .catch(() => {
        if (mine === sequence) previewBody.textContent = 'The preview is not available just now.';
      });
  };
  body.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  refresh();

  // ---- Pasting HTML (a word processor, a web page) becomes clean Markdown.
  body.addEventListener('paste', (event) => {
    const html = event.clipboardData?.getData('text/html');
    if (!html) return;
    event.preventDefault();
    const { start, end } = selection();
    const plain = event.clipboardData.getData('text/plain');
    post('/admin/markdown-from-html', { html })
      .then(({ markdown }) => replace(start, end, markdown))
      .catch(() => replace(start, end, plain));
  });

  // ---- Unsaved changes: warn before leaving, and keep a copy in this browser.
  const key = `dossier-autosave:${location.pathname}`;
  const fields = () =>
    Object.fromEntries(
      [...form.elements]
        .filter(
          (el) => el.name && el.name !== '_csrf' && el.type !== 'hidden' && el.type !== 'submit',
        )
        .map((el) => [
          el.name,
          el.multiple ? [...el.selectedOptions].map((o) => o.value) : el.value,
        ]),
    );
  const initial = JSON.stringify(fields());
  let dirty = false;
  form.addEventListener('input', () => {
    dirty = JSON.stringify(fields()) !== initial;
  });
  form.addEventListener('change', () => {
    dirty = JSON.stringify(fields()) !== initial;
  });
  form.addEventListener('submit', () => {
    dirty = false;
    localStorage.removeItem(key);
  });
  window.addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });
  setInterval(() => {
    if (dirty)
      localStorage.setItem(key, JSON.stringify({ at: new Date().toISOString(), fields: fields() }));
  }, 5000);
  const saved = localStorage.getItem(key);
  if (saved) {
    try {
      const { at, fields: kept } = JSON.parse(saved);
      if (JSON.stringify(kept) !== initial) {
        const notice = document.createElement('div');
        notice.className = 'admin-notice';
        notice.setAttribute('role', 'status');
        notice.textContent = `Unsaved changes from ${new Date(at).toLocaleString()} were kept in this browser. `;
        const restore = document.createElement('button');
        restore.type = 'button';
        restore.textContent = 'Restore them';
        restore.addEventListener('click', () => {
          for (const [name, value] of Object.entries(kept)) {
            const el = form.elements.namedItem(name);
            if (!el) continue;
            if (el.multiple)
              for (const option of el.options) option.selected = value.includes(option.value);
            else el.value = value;
          }
          dirty = true;
          notice.remove();
          refresh();
        });
        const discard = document.createElement('button');
        discard.type = 'button';
        discard.textContent = 'Discard them';
        discard.addEventListener('click', () => {
          localStorage.removeItem(key);
          notice.remove();
        });
        notice.append(restore, ' ', discard);
        form.before(notice);
      }
    } catch {
      localStorage.removeItem(key);
    }
  }
})();
