// Builds the draft agreements under fixtures/drafts/ that the scan tests and
// the README use: the same texts as .txt, .docx and .pdf, plus broken files
// (a scan without text layer, a password-protected PDF, a corrupt .docx and a
// zip bomb). No dependency: a small zip writer and a small PDF writer below.
// Deterministic: running it again gives the same bytes.
//   node scripts/make-draft-fixtures.mjs [DIR]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

// An optional argument writes elsewhere (the tests check that a fresh run gives the committed bytes).
const out = process.argv[2] ? `${process.argv[2].replace(/\/$/, '')}/` : fileURLToPath(new URL('../fixtures/drafts/', import.meta.url));
mkdirSync(out, { recursive: true });

// ---------------------------------------------------------------- the texts
// Paragraphs; "\f" alone starts a new PDF page. Our own wording, modelled on
// the clauses that public reports document (see rules/clauses.yaml sources).
const DRAFTS = {
  'en-xiamen-mou': [
    "Memorandum of Understanding on Friendly Cooperation between the City of Springfield and the Municipal People's Government of Xiamen",
    'Article 1. The two cities establish friendly relations in order to promote exchanges in trade, culture, education and port logistics.',
    "Article 2. All activities under this memorandum shall be carried out in accordance with the principles on the establishment of diplomatic relations between the United States of America and the People's Republic of China. The City of Springfield respects the One China policy.",
    'Article 3. The parties will deepen cooperation in trade and investment under the Belt and Road Initiative.',
    '\f',
    'Article 4. The port authorities of the two cities will share vessel traffic data and give each other access to their port community systems.',
    'Article 5. The contents of this memorandum and of the exchanges under it shall be kept confidential.',
    'Article 6. This memorandum shall remain in force for five (5) years from the date of signature and shall be automatically renewed for further periods of five years.',
    'Done in two originals, in English and Chinese, both texts being equally authentic.',
  ],
  'zh-xiamen-mou': [
    '斯普林菲尔德市与厦门市人民政府友好合作谅解备忘录',
    '第一条 两市建立友好关系，促进经贸、文化、教育和港口物流领域的交流。',
    '第二条 双方根据中美两国建交原则开展交流。斯普林菲尔德市尊重一个中国政策。',
    '第三条 双方将在"一带一路"倡议框架下深化经贸合作。',
    '\f',
    '第四条 两市港口管理部门共享船舶交通数据，并相互开放港口信息系统。',
    '第五条 双方应对本备忘录及交流内容予以保密。',
    '第六条 本备忘录有效期为五年，如任何一方未提出异议，自动延长五年。任何一方可提前六个月书面通知对方终止本备忘录。',
  ],
  'ja-dalian-agreement': [
    '春日市と大連市との友好都市提携協定書',
    '第一条 両市は友好都市関係を結び、経済、文化、教育及び港湾の分野における交流を進める。',
    '第二条 両市は日中共同声明の諸原則に基づき交流を行い、一つの中国の原則を尊重する。',
    '\f',
    '第三条 両市は港湾の交通データを共有し、港湾管理システムへのアクセスを相互に認める。',
    '第四条 本協定及び交流の内容は秘密として扱う。',
    '第五条 本協定の有効期間は五年とし、いずれの当事者からも異議がない場合、自動的に五年間更新される。',
    '第六条 いずれの当事者も、六か月前に書面で通知することにより、本協定を終了させることができる。',
  ],
  'de-qingdao-vereinbarung': [
    'Vereinbarung über eine Städtepartnerschaft zwischen der Stadt Hafenstadt und der Stadt Qingdao',
    'Artikel 1. Beide Städte fördern den Austausch in Wirtschaft, Kultur, Bildung und Hafenlogistik.',
    'Artikel 2. Die Stadt Hafenstadt achtet die Ein-China-Politik. Beide Städte unterstützen gemeinsam die Initiative der Neuen Seidenstraße.',
    '\f',
    'Artikel 3. Die Hafenbehörden gewähren einander Zugang zu ihren Verkehrsdaten und Leitsystemen.',
    'Artikel 4. Der Inhalt dieser Vereinbarung und des Austauschs ist vertraulich zu behandeln.',
    'Artikel 5. Diese Vereinbarung gilt für fünf Jahre ab dem Tag der Unterzeichnung. Sie verlängert sich automatisch um jeweils weitere fünf Jahre, sofern keine Partei widerspricht.',
    'Artikel 6. Jede Partei kann diese Vereinbarung mit einer Frist von sechs Monaten schriftlich kündigen.',
  ],
  'en-benign-twinning': [
    'Twinning Charter between the City of Lyon and the City of Nagoya',
    'The two cities agree to promote exchanges in culture, education, youth and sport, on the basis of equality and mutual benefit.',
    'Each year the cities will invite a school orchestra and an exhibition of local artists, and will welcome students for summer courses.',
    '\f',
    'Each party shall bear its own costs. This charter will be published on the websites of both cities.',
    "This charter is concluded for three years. Either city may terminate it by giving six months' written notice.",
  ],
};

// ---------------------------------------------------------------- zip / docx
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A zip archive of the entries (deflated, DOS date 1980-01-01). `lie` overrides a declared size. */
function zip(entries, lie = {}) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const packed = deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name);
    const size = lie[name] ?? data.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(0, 10);
    head.writeUInt16LE(0x21, 12);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    locals.push(head, nameBuf, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
function docxParts(documentXml) {
  return [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    ['word/document.xml', documentXml],
  ];
}
function docx(paragraphs) {
  // A page break becomes a <w:br w:type="page"/>, as Word writes it; a long paragraph is split into two runs.
  const body = paragraphs
    .map((p) =>
      p === '\f'
        ? '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        : `<w:p><w:r><w:t xml:space="preserve">${esc(p.slice(0, 40))}</w:t></w:r><w:r><w:t xml:space="preserve">${esc(p.slice(40))}</w:t></w:r></w:p>`,
    )
    .join('');
  return zip(
    docxParts(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
  );
}

// ---------------------------------------------------------------- PDF
const isWide = (ch) => ch.codePointAt(0) >= 0x2e80;
/** Wraps a paragraph to lines of at most `max` columns (CJK characters count two). */
function wrap(text, max = 84) {
  const lines = [];
  let line = '';
  let width = 0;
  const tokens = text.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/gu) ?? [];
  for (const t of tokens) {
    const w = [...t].reduce((n, ch) => n + (isWide(ch) ? 2 : 1), 0);
    if (/^\s+$/.test(t)) {
      if (line) {
        line += ' ';
        width += 1;
      }
      continue;
    }
    if (width + w > max && line.trim()) {
      lines.push(line.trimEnd());
      line = '';
      width = 0;
    }
    line += t;
    width += w;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function rc4(key, data) {
  const s = [...Array(256).keys()];
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const outBuf = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    outBuf[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
  }
  return outBuf;
}
const md5 = (...parts) =>
  createHash('md5')
    .update(Buffer.concat(parts.map((p) => Buffer.from(p))))
    .digest();
const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const padded = (pw) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);

/**
 * A PDF of text pages (each a list of lines) or, with `image`, one page that
 * holds only a picture (a "scan"). The font is a Type0 font with Identity-H
 * codes equal to Unicode code points and a ToUnicode map, not embedded: text
 * extraction needs no font file. `password` encrypts it with the standard
 * security handler (revision 2, RC4 40-bit) and that user password.
 */
function pdf(pages, { image = false, password } = {}) {
  const objs = [];
  const add = (dict, stream) => (objs.push({ dict, stream }), objs.length);
  const catalog = add('');
  const pagesId = add('');
  const cmap =
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end';
  const tu = add('', Buffer.from(cmap));
  const desc = add(
    '<< /Type /FontDescriptor /FontName /CdriskDraft /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>',
  );
  const cid = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CdriskDraft /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${desc} 0 R /DW 500 /W [11904 65535 1000] /CIDToGIDMap /Identity >>`,
  );
  const font = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /CdriskDraft /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${tu} 0 R >>`,
  );
  const kids = [];
  for (const lines of pages) {
    let content;
    let resources;
    if (image) {
      const px = Buffer.alloc(64 * 64);
      for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) px[y * 64 + x] = y % 8 < 2 && x > 4 && x < 60 ? 40 : 235;
      const img = add('<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 >>', px);
      content = Buffer.from('q 495 0 0 700 50 80 cm /Im1 Do Q');
      resources = `<< /XObject << /Im1 ${img} 0 R >> >>`;
    } else {
      let body = 'BT /F1 10 Tf 50 790 Td 14 TL\n';
      for (const l of lines)
        body += l ? `<${[...l].map((ch) => ch.codePointAt(0).toString(16).padStart(4, '0')).join('')}> Tj T*\n` : 'T*\n';
      content = Buffer.from(`${body}ET`);
      resources = `<< /Font << /F1 ${font} 0 R >> >>`;
    }
    const c = add('', content);
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents ${c} 0 R >>`));
  }
  objs[catalog - 1].dict = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objs[pagesId - 1].dict = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  const fileId = md5('cdrisk draft fixture', JSON.stringify(pages)).toString('hex');
  let key;
  let encrypt = '';
  if (password !== undefined) {
    const P = -44; // print and copy not allowed
    const O = rc4(md5(padded('owner-' + password)).subarray(0, 5), padded(password));
    const pBytes = Buffer.alloc(4);
    pBytes.writeInt32LE(P);
    key = md5(padded(password), O, pBytes, Buffer.from(fileId, 'hex')).subarray(0, 5);
    const U = rc4(key, PAD);
    encrypt = add(`<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`);
  }
  const chunks = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0].length;
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(length);
    let stream = o.stream;
    if (stream && key && i + 1 !== encrypt) {
      const n = Buffer.alloc(5);
      n.writeUIntLE(i + 1, 0, 3);
      stream = rc4(md5(key, n).subarray(0, 10), stream);
    }
    const dict = stream ? (o.dict ? o.dict.replace(/>>$/, `/Length ${stream.length} >>`) : `<< /Length ${stream.length} >>`) : o.dict;
    const parts = [Buffer.from(`${i + 1} 0 obj\n${dict}\n`, 'latin1')];
    if (stream) parts.push(Buffer.from('stream\n'), stream, Buffer.from('\nendstream\n'));
    parts.push(Buffer.from('endobj\n'));
    for (const p of parts) {
      chunks.push(p);
      length += p.length;
    }
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /ID [<${fileId}> <${fileId}>]${encrypt ? ` /Encrypt ${encrypt} 0 R` : ''} >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

function pdfPages(paragraphs) {
  const pages = [[]];
  for (const p of paragraphs) {
    if (p === '\f') {
      pages.push([]);
      continue;
    }
    const page = pages[pages.length - 1];
    if (page.length) page.push('');
    page.push(...wrap(p));
  }
  return pages;
}

// ---------------------------------------------------------------- write
const written = [];
let put = (name, data) => {
  data = typeof data === 'string' ? Buffer.from(data) : data;
  writeFileSync(out + name, data);
  written.push(`${name} (${data.length} bytes)`);
};
for (const [name, paragraphs] of Object.entries(DRAFTS)) {
  put(`${name}.txt`, `${paragraphs.filter((p) => p !== '\f').join('\n\n')}\n`);
  put(`${name}.docx`, docx(paragraphs));
  put(`${name}.pdf`, pdf(pdfPages(paragraphs)));
}
put('scanned-no-text.pdf', pdf([[], []], { image: true }));
put('encrypted.pdf', pdf(pdfPages(DRAFTS['en-xiamen-mou']), { password: 'draft-2026' }));
put('corrupt.docx', docx(DRAFTS['en-benign-twinning']).subarray(0, 700));
// 40 MiB of XML that packs to some 40 KB, its size in the zip directory understated: only a bounded inflate stops it.
const bombXml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>${'a'.repeat(40 * 1024 * 1024)}</w:t></w:r></w:p></w:body></w:document>`;
put('zip-bomb.docx', zip(docxParts(bombXml), { 'word/document.xml': 4096 }));
process.stdout.write(`wrote ${written.length} files to ${out}:\n  ${written.join('\n  ')}\n`);
