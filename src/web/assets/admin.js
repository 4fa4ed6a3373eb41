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

// Search pickers: a combobox (the ARIA 1.2 pattern: an input with a listbox popup, the
// highlighted option named by aria-activedescendant) that finds people or terms as one
// types, by keyboard alone or by pointer. Each enhances a plain field that keeps working
// without script: the authors' box of address names, the topics and regions selects, the
// list's term field. The field stays the form's value; the picker only edits it.
(() => {
  const fields = document.querySelectorAll('[data-picker]');
  if (fields.length === 0) return;
  let made = 0;
  const getJson = async (url) => {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    const type = response.headers.get('content-type') ?? '';
    // Signed out meanwhile: the admin answers with its sign-in page, not JSON.
    if (!response.ok || !type.includes('json')) throw new Error(`${response.status}`);
    return response.json();
  };
  const searchPeople = (q) =>
    getJson(`/admin/api/people?q=${encodeURIComponent(q)}`).then((r) => r.people);
  const searchTerms = (taxonomy, q) =>
    getJson(
      `/admin/api/terms?taxonomy=${encodeURIComponent(taxonomy)}&q=${encodeURIComponent(q)}`,
    ).then((r) => r.terms);
  const element = (tag, attributes = {}, text = '') => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    if (text) el.textContent = text;
    return el;
  };

  /**
   * A combobox. `search(q)` resolves to [{ slug, name, detail }]; `choose(item)` takes
   * the one picked. `keepsText`: the input's text is the value (Enter may submit the
   * form); otherwise a choice clears it, ready for the next.
   */
  const combobox = ({ label, search, choose, keepsText = false, status, input: given }) => {
    const id = given?.id || `picker-${++made}`;
    const wrapper = element('div', { class: 'picker' });
    const input = given ?? element('input', { id, type: 'text' });
    const attributes = {
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${id}-list`,
      autocomplete: 'off',
      spellcheck: 'false',
    };
    for (const [name, value] of Object.entries(attributes)) input.setAttribute(name, value);
    const listbox = element('ul', { id: `${id}-list`, role: 'listbox', 'aria-label': label });
    listbox.hidden = true;
    if (given) {
      // An existing field (with its own label) becomes the combobox where it stands.
      given.before(wrapper);
      wrapper.append(given, listbox);
    } else wrapper.append(element('label', { for: id }, label), input, listbox);
    let items = [];
    /** The text `items` were found for: arrows on older results would choose the wrong one. */
    let shownFor;
    let active = -1;
    let timer;
    let sequence = 0;

    const options = () => [...listbox.children];
    const highlight = (index) => {
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
    const close = () => {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      highlight(-1);
    };
    const open = () => {
      if (items.length === 0) return close();
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    };
    const show = (found) => {
      items = found;
      listbox.replaceChildren(
        ...found.map((item, i) => {
          const option = element('li', {
            id: `${id}-option-${i}`,
            role: 'option',
            'aria-selected': 'false',
          });
          option.append(item.name);
          if (item.detail) option.append(element('span', { class: 'picker__detail' }, item.detail));
          // Keep the focus in the input: a click chooses without a blur closing first.
          option.addEventListener('mousedown', (event) => event.preventDefault());
          option.addEventListener('click', () => pick(i));
          return option;
        }),
      );
      highlight(-1);
      if (document.activeElement === input) open();
      status(
        found.length === 0
          ? 'No matches.'
          : `${found.length} match${found.length === 1 ? '' : 'es'}; use the arrow keys to choose.`,
      );
    };
    const lookUp = () => {
      const mine = ++sequence;
      const typed = input.value.trim();
      return search(typed)
        .then((found) => {
          if (mine !== sequence) return;
          shownFor = typed;
          show(found);
        })
        .catch(() => {
          if (mine !== sequence) return;
          show([]);
          status('Search is not available just now; type address names in the field instead.');
        });
    };
    const pick = (index) => {
      const item = items[index];
      if (!item) return;
      close();
      input.value = keepsText ? item.slug : '';
      choose(item);
      input.focus();
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 150);
    });
    input.addEventListener('keydown', (event) => {
      const expanded = !listbox.hidden;
      const last = items.length - 1;
      switch (event.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          event.preventDefault();
          const down = event.key === 'ArrowDown';
          if (!expanded) {
            if (items.length === 0 || shownFor !== input.value.trim()) {
              clearTimeout(timer);
              lookUp().then(() => {
                open();
                if (!event.altKey) highlight(down ? 0 : items.length - 1);
              });
              return;
            }
            open();
            if (!event.altKey) highlight(down ? 0 : last);
            return;
          }
          if (down) highlight(active >= last ? 0 : active + 1);
          else highlight(active <= 0 ? last : active - 1);
          return;
        }
        case 'Enter':
          if (expanded && active >= 0) {
            event.preventDefault();
            pick(active);
          } else if (expanded || (!keepsText && input.value.trim() !== '')) {
            // Half a name is not an author: never send the form from here by accident.
            event.preventDefault();
          }
          return;
        case 'Escape':
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value !== '') {
            event.preventDefault();
            input.value = '';
          }
          return;
        case 'Tab':
          close();
          return;
      }
    });
    input.addEventListener('blur', () => close());
    return { wrapper, input };
  };

  // One polite voice for every picker: "3 matches", "Added …".
  const voice = element('div', { role: 'status', class: 'visually-hidden' });
  document.querySelector('main')?.append(voice);
  const status = (text) => {
    voice.textContent = text;
  };

  /** A list of what a field holds, with buttons to reorder (if `movable`) and remove. */
  const chosenList = ({ label, entries, remove, move }) => {
    const list = element('ol', { class: 'picker-chosen', 'aria-label': label });
    const render = () => {
      const current = entries();
      list.hidden = current.length === 0;
      list.replaceChildren(
        ...current.map((entry, i) => {
          const row = element('li');
          row.append(element('span', {}, entry.name));
          const button = (text, act, disabled = false) => {
            const b = element('button', { type: 'button', class: 'picker-chosen__action' });
            b.append(text, element('span', { class: 'visually-hidden' }, ` ${entry.name}`));
            b.dataset.act = act;
            b.disabled = disabled;
            b.addEventListener('click', () => {
              if (act === 'remove') remove(i);
              else move(i, act === 'up' ? i - 1 : i + 1);
              render();
              // Keep the keyboard where it was: on the same action of the moved entry,
              // or after a removal on the next entry (else the list's end).
              const rows = list.children;
              const target = act === 'remove' ? i : act === 'up' ? i - 1 : i + 1;
              const next = rows[Math.min(target, rows.length - 1)];
              (
                next?.querySelector(`[data-act="${act}"]:not(:disabled)`) ??
                next?.querySelector('button') ??
                list.nextElementSibling?.querySelector('input')
              )?.focus();
              status(
                act === 'remove'
                  ? `Removed ${entry.name}.`
                  : `${entry.name} moved to place ${target + 1}.`,
              );
            });
            return b;
          };
          if (move) {
            row.append(button('Move up', 'up', i === 0));
            row.append(button('Move down', 'down', i === current.length - 1));
          }
          row.append(button('Remove', 'remove'));
          return row;
        }),
      );
    };
    return { list, render, names: () => entries().map((entry) => entry.name) };
  };

  for (const field of fields) {
    const label = document.querySelector(`label[for="${field.id}"]`)?.textContent ?? '';
    if (field.dataset.picker === 'people' && field.tagName === 'TEXTAREA') {
      // The authors: address names, one a line, in byline order.
      const names = JSON.parse(field.dataset.pickerNames || '{}');
      const slugs = () =>
        field.value
          .split(/[\n,]+/)
          .map((s) => s.trim())
          .filter(Boolean);
      const setSlugs = (list) => {
        field.value = list.join('\n');
        field.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const chosen = chosenList({
        label: 'Authors in byline order',
        entries: () => slugs().map((slug) => ({ slug, name: names[slug] ?? slug })),
        remove: (i) => setSlugs(slugs().filter((_, j) => j !== i)),
        move: (from, to) => {
          const list = slugs();
          const [moved] = list.splice(from, 1);
          list.splice(to, 0, moved);
          setSlugs(list);
        },
      });
      const picker = combobox({
        label: 'Find a person to add as an author',
        search: searchPeople,
        status,
        choose: (person) => {
          names[person.slug] = person.name;
          if (slugs().includes(person.slug)) status(`${person.name} is an author already.`);
          else {
            setSlugs([...slugs(), person.slug]);
            chosen.render();
            status(`Added ${person.name} as author ${slugs().length}.`);
          }
        },
      });
      // The names under the box become the list (kept up to date, still its description).
      const help = field.nextElementSibling?.matches('.admin-help')
        ? field.nextElementSibling
        : null;
      (help ?? field).after(chosen.list, picker.wrapper);
      if (help) help.hidden = true;
      const describe = () => {
        if (help) help.textContent = chosen.names().join(', ') || 'No authors yet.';
      };
      field.addEventListener('input', () => {
        chosen.render();
        describe();
      });
      chosen.render();
    } else if (field.dataset.picker === 'terms' && field.tagName === 'SELECT') {
      // Topics, regions: every term is an option; the picker finds and ticks them.
      const taxonomy = field.dataset.pickerTaxonomy;
      const changed = () => field.dispatchEvent(new Event('change', { bubbles: true }));
      const chosen = chosenList({
        label: `Chosen ${label.toLowerCase()}`,
        entries: () => [...field.selectedOptions].map((o) => ({ slug: o.value, name: o.text })),
        remove: (i) => {
          const option = field.selectedOptions[i];
          if (option) option.selected = false;
          changed();
        },
      });
      const picker = combobox({
        label: `Find ${label.toLowerCase()} to add`,
        search: (q) => searchTerms(taxonomy, q),
        status,
        choose: (term) => {
          let option = [...field.options].find((o) => o.value === term.slug);
          if (!option) {
            option = new Option(term.name, term.slug);
            field.add(option);
          }
          option.selected = true;
          changed();
          status(`Added ${term.name}.`);
        },
      });
      field.after(chosen.list, picker.wrapper);
      field.addEventListener('change', () => chosen.render());
      chosen.render();
    } else if (field.dataset.picker === 'terms' && field.tagName === 'INPUT') {
      // A single term typed by its address name (the list's bulk form).
      const from = document.getElementById(field.dataset.pickerTaxonomyFrom ?? '');
      combobox({
        label,
        input: field,
        keepsText: true,
        search: (q) => searchTerms(from?.value ?? 'topic', q),
        status,
        choose: (term) => status(`Chose ${term.name}.`),
      });
    }
  }
})();

// The publication list's bulk form: "all on this page" ticks every row (and shows
// "some" when only some are ticked), and the term fields show only for a term action.
// Without script the server reads "all on this page" itself.
(() => {
  const all = document.querySelector('[data-bulk-all]');
  if (!all) return;
  const rows = [...document.querySelectorAll('[data-bulk-item]')];
  const sync = () => {
    const ticked = rows.filter((row) => row.checked).length;
    all.checked = ticked === rows.length && rows.length > 0;
    all.indeterminate = ticked > 0 && ticked < rows.length;
  };
  all.addEventListener('change', () => {
    for (const row of rows) row.checked = all.checked;
  });
  for (const row of rows) row.addEventListener('change', sync);
  sync();
  const action = document.getElementById('bulk-action');
  const termFields = document.querySelectorAll('[data-bulk-term]');
  const showTerms = () => {
    const wanted = action.value === 'add-term' || action.value === 'remove-term';
    for (const field of termFields) field.hidden = !wanted;
  };
  action?.addEventListener('change', showTerms);
  if (action) showTerms();
})();
