// Ventanilla's additions to Decap CMS: what Decap lacks for our files, nothing more.
// - widget `nombre`: a proper name written once (nombre: "911") or a text per language
//   (nombre: {es: …, en: …}); Decap's object widget cannot read the first form.
// - format `sinonimos`: content/<lang>/sinonimos.yml is a map with free keys
//   (palabra: [palabras del portal]); the form shows it as a list and writes it back line by
//   line, keeping its comments.
(function () {
  var CMS = window.CMS, h = window.h, createClass = window.createClass;

  function plain(value) {
    if (value && typeof value.toJS === 'function') return value.toJS();
    return value;
  }

  var NombreControl = createClass({
    languages: function () {
      var langs = this.props.field.get('languages');
      return langs ? langs.toJS() : [{ code: 'es', label: 'Español (es)' }];
    },
    texts: function () {
      var value = plain(this.props.value);
      if (typeof value === 'string') return { es: value };
      return value && typeof value === 'object' ? value : {};
    },
    change: function (code, text) {
      var texts = Object.assign({}, this.texts());
      if (text) texts[code] = text; else delete texts[code];
      var codes = Object.keys(texts);
      var wasString = typeof plain(this.props.value) === 'string' || this.props.value == null;
      // one name for every language stays one line, as `ventanilla new` writes it
      if (codes.length === 0) this.props.onChange('');
      else if (codes.length === 1 && codes[0] === 'es' && wasString) this.props.onChange(texts.es);
      else this.props.onChange(texts);
    },
    isValid: function () {
      var required = this.props.field.get('required') !== false;
      if (required && !this.texts().es) {
        return { error: { message: 'Escribe el nombre en español.' } };
      }
      return true;
    },
    render: function () {
      var self = this, texts = this.texts();
      return h('div', { className: this.props.classNameWrapper, id: this.props.forID },
        this.languages().map(function (lang, i) {
          var id = self.props.forID + '-' + lang.code;
          return h('div', { key: lang.code, style: { marginBottom: '8px' } },
            h('label', { htmlFor: id, style: { display: 'block', fontSize: '13px' } },
              lang.label + (i === 0 ? '' : ' (si es un nombre propio igual en todos los idiomas, déjalo vacío)')),
            h('input', {
              id: id, type: 'text', value: texts[lang.code] || '', lang: lang.code,
              style: { width: '100%', padding: '8px', border: '1px solid #dfdfe3', borderRadius: '4px' },
              onChange: function (e) { self.change(lang.code, e.target.value); }
            }));
        }));
    }
  });

  var NombrePreview = createClass({
    render: function () {
      var value = plain(this.props.value);
      if (typeof value === 'string') return h('p', {}, value);
      return h('ul', {}, Object.keys(value || {}).map(function (code) {
        return h('li', { key: code, lang: code }, code + ': ' + value[code]);
      }));
    }
  });

  CMS.registerWidget('nombre', NombreControl, NombrePreview);

  // --- synonyms: "palabra: [a, b]  # nota" lines; comment lines belong to the next entry
  var LINE = /^("[^"]*"|'[^']*'|[^:#\[\]]+?):\s*\[([^\]]*)\](\s+#.*)?$/;

  function unquote(text) {
    text = text.trim();
    if ((text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0]) return text.slice(1, -1);
    return text;
  }

  function quote(text) {
    return /^\p{L}[\p{L}\p{N} .'-]*$/u.test(text) && !/^(yes|no|true|false|null|on|off)$/i.test(text)
      ? text : JSON.stringify(text);
  }

  function parseSynonyms(text) {
    var lines = text.replace(/\r\n/g, '\n').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    var header = [], pending = [], entries = [], i = 0;
    while (i < lines.length && (lines[i].charAt(0) === '#' || lines[i].trim() === '')) header.push(lines[i++]);
    for (; i < lines.length; i++) {
      var line = lines[i];
      if (line.charAt(0) === '#' || line.trim() === '') { pending.push(line); continue; }
      var m = LINE.exec(line);
      if (!m) throw new Error('línea ' + (i + 1) + ': se esperaba «palabra: [palabras]»: ' + line);
      entries.push({
        antes: pending.join('\n'), palabra: unquote(m[1]),
        equivalentes: m[2].split(',').map(unquote).filter(function (w) { return w; }),
        nota: m[3] || ''
      });
      pending = [];
    }
    return { cabecera: header.join('\n'), sinonimos: entries, final: pending.join('\n') };
  }

  function writeSynonyms(data) {
    data = plain(data) || {};
    var out = [];
    if (data.cabecera) out.push(data.cabecera);
    (data.sinonimos || []).forEach(function (e) {
      if (!e || !e.palabra) return;
      if (e.antes) out.push(e.antes);
      out.push(quote(e.palabra) + ': [' + (e.equivalentes || []).map(quote).join(', ') + ']' + (e.nota || ''));
    });
    if (data.final) out.push(data.final);
    return out.join('\n') + '\n';
  }

  CMS.registerCustomFormat('sinonimos', 'yml', { fromFile: parseSynonyms, toFile: writeSynonyms });
  window.ventanillaSinonimos = { parse: parseSynonyms, write: writeSynonyms };  // for the tests

  // Decap's Spanish lacks a few words of the list, date and object widgets: add them
  var es = CMS.getLocale('es');
  if (es && es.editor && es.editor.editorWidgets) {
    var w = es.editor.editorWidgets;
    w.list = Object.assign({ add: 'Añadir %{item}', addType: 'Añadir %{item}' }, w.list || {});
    w.datetime = Object.assign({ now: 'Ahora', clear: 'Limpiar', setToNow: 'Poner %{fieldLabel} en este momento' },
                               w.datetime || {});
    w.object = Object.assign({ expand: 'Mostrar', collapse: 'Ocultar' }, w.object || {});
  }

  CMS.init();
})();
