// The pixtext demo page: the original "Image-to-Binary" Tk window, done for the browser. Left: an image file becomes
// text (envelope, data URL, Pillow dump JSON or bare base64) with the sizes shown. Right: any of those texts becomes
// an image on a canvas, with its header, and can be saved as PNG, JPEG or BMP. Every failure shows the
// PixtextError's stable code and message.
import {
  PIXEL_MODE_NAMES,
  PixtextError,
  convert,
  decode,
  encode,
  imageToText,
  inspect,
  textToImage,
  toImageData,
} from 'pixtext';

// A textarea holding hundreds of megabytes makes the page crawl; beyond this many characters only the start is shown.
const DISPLAY_LIMIT = 1_000_000;
const MIME = { png: 'image/png', jpeg: 'image/jpeg', bmp: 'image/bmp' };
const EXTENSION = { png: 'png', jpeg: 'jpg', bmp: 'bmp' };

const $ = (id) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element;
};

const state = {
  /** @type {{ name: string, bytes: Uint8Array, image: import('pixtext').RawImage } | undefined} */
  source: undefined,
  text: '',
  /** @type {import('pixtext').RawImage | undefined} */
  decoded: undefined,
};

const numberFormat = new Intl.NumberFormat('en');
function bytesLabel(n) {
  if (n < 1024) return `${numberFormat.format(n)} B`;
  const [value, unit] = n < 1024 ** 2 ? [n / 1024, 'KiB'] : [n / 1024 ** 2, 'MiB'];
  return `${numberFormat.format(n)} B (${value.toFixed(1)} ${unit})`;
}
const baseName = (name) => name.replace(/\.[^.]*$/, '') || 'image';

function describeError(error) {
  if (error instanceof PixtextError) return { code: error.code, message: error.message };
  return { code: '', message: error instanceof Error ? error.message : String(error) };
}

function setMessage(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle('error-text', isError);
}

function download(bytesOrText, type, fileName) {
  const url = URL.createObjectURL(new Blob([bytesOrText], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Draws `image` on `canvas` at its own size, then sizes the element to fit a `box`×`box` square: small images are
 * enlarged by a whole factor with crisp pixels, large ones shrink. The canvas itself keeps the exact pixels.
 */
function drawImage(canvas, image, box) {
  const { width, height } = image;
  canvas.width = width;
  canvas.height = height;
  if (width === 0 || height === 0) return;
  canvas.getContext('2d').putImageData(toImageData(image), 0, 0);
  const fit = Math.min(box / width, box / height);
  const scale = fit >= 1 ? Math.floor(fit) : fit;
  canvas.style.width = `${Math.max(1, Math.round(width * scale))}px`;
  canvas.style.aspectRatio = `${width} / ${height}`;
  canvas.style.imageRendering = scale >= 1 ? 'pixelated' : 'auto';
}

// ---- Image → text ----------------------------------------------------------------------------------------------

const modeSelect = $('opt-mode');
for (const mode of PIXEL_MODE_NAMES) modeSelect.append(new Option(mode, mode));

function readOptions() {
  const as = $('opt-as').value;
  const encoding = $('opt-encoding').value;
  const mode = modeSelect.value;
  const options = { as };
  if (as !== 'pil' && encoding !== 'default') options.encoding = encoding;
  if (mode) options.mode = mode;
  if (options.encoding === 'jpeg') options.quality = Number($('opt-quality').value);
  return options;
}

function syncOptionControls() {
  const as = $('opt-as').value;
  const encoding = $('opt-encoding');
  // The Pillow dump always holds raw pixels; data URLs and bare base64 always hold a file.
  encoding.disabled = as === 'pil';
  encoding.querySelector('option[value="raw"]').disabled = as === 'data-url' || as === 'base64';
  if (encoding.selectedOptions[0]?.disabled) encoding.value = 'default';
  $('quality-label').hidden = !(as !== 'pil' && encoding.value === 'jpeg');
}

function convertSource() {
  const message = $('to-text-message');
  const output = $('text-out');
  const note = $('text-out-note');
  if (!state.source) return;
  const { bytes, image } = state.source;
  const options = readOptions();
  $('size-file').textContent = bytesLabel(bytes.length);
  const rawMode = options.mode ?? image.mode;
  const rawImage = options.mode ? safeConvert(image, options.mode) : image;
  $('size-raw').textContent = rawImage
    ? `${bytesLabel(rawImage.data.length)} · ${image.width}×${image.height} ${rawMode}`
    : `${image.width}×${image.height} ${rawMode}`;
  try {
    state.text = imageToText(bytes, options);
  } catch (error) {
    state.text = '';
    output.value = '';
    note.hidden = true;
    $('size-text').textContent = '–';
    const { code, message: text } = describeError(error);
    setMessage(message, code ? `${code}: ${text}` : text, true);
    setTextButtons(false);
    return;
  }
  const length = state.text.length;
  $('size-text').textContent = `${numberFormat.format(length)} characters (${(length / bytes.length).toFixed(2)}× the file)`;
  output.value = length > DISPLAY_LIMIT ? state.text.slice(0, DISPLAY_LIMIT) : state.text;
  note.hidden = length <= DISPLAY_LIMIT;
  note.textContent = `Showing the first ${numberFormat.format(DISPLAY_LIMIT)} of ${numberFormat.format(length)} characters; Copy and Download use all of it.`;
  setMessage(message, '');
  setTextButtons(true);
}

function safeConvert(image, mode) {
  try {
    return convert(image, mode);
  } catch {
    return undefined;
  }
}

function setTextButtons(enabled) {
  $('copy-text').disabled = !enabled;
  $('download-text').disabled = !enabled;
}

function loadImageBytes(name, bytes) {
  const message = $('to-text-message');
  $('image-name').textContent = `${name} · ${bytesLabel(bytes.length)}`;
  try {
    const image = decode(bytes);
    state.source = { name, bytes, image };
    drawImage($('source-preview'), image, 96);
  } catch (error) {
    state.source = undefined;
    state.text = '';
    $('text-out').value = '';
    setTextButtons(false);
    $('source-preview').width = 0;
    for (const id of ['size-file', 'size-raw', 'size-text']) $(id).textContent = '–';
    const { code, message: text } = describeError(error);
    setMessage(message, code ? `${code}: ${text}` : text, true);
    return;
  }
  convertSource();
}

async function loadImageFile(file) {
  loadImageBytes(file.name, new Uint8Array(await file.arrayBuffer()));
}

$('image-file').addEventListener('change', (event) => {
  const file = event.target.files?.[0];
  if (file) void loadImageFile(file);
});

$('use-sample').addEventListener('click', async () => {
  const response = await fetch('./sample.png');
  if (!response.ok) {
    setMessage($('to-text-message'), `The sample image could not be loaded (HTTP ${response.status}).`, true);
    return;
  }
  loadImageBytes('sample.png', new Uint8Array(await response.arrayBuffer()));
});

const dropZone = $('drop-zone');
dropZone.addEventListener('dragover', (event) => {
  event.preventDefault();
  dropZone.classList.add('dragging');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('dragging');
  const file = event.dataTransfer?.files?.[0];
  if (file) void loadImageFile(file);
});

for (const id of ['opt-as', 'opt-encoding', 'opt-mode', 'opt-quality']) {
  $(id).addEventListener('change', () => {
    syncOptionControls();
    convertSource();
  });
}

$('copy-text').addEventListener('click', async () => {
  const message = $('to-text-message');
  try {
    await navigator.clipboard.writeText(state.text);
    setMessage(message, `Copied ${numberFormat.format(state.text.length)} characters.`);
  } catch {
    // Clipboard access can be refused (permissions, insecure origin): fall back to selecting the text.
    const output = $('text-out');
    output.focus();
    output.select();
    const copied = document.execCommand('copy');
    setMessage(message, copied ? 'Copied.' : 'Copying was refused by the browser: the text is selected, press Ctrl+C.', !copied);
  }
});

$('download-text').addEventListener('click', () => {
  const { as } = readOptions();
  const json = as === 'envelope' || as === 'pil';
  const name = `${baseName(state.source?.name ?? 'image')}.${as === 'pil' ? 'pil.json' : json ? 'pixtext.json' : 'txt'}`;
  download(state.text, json ? 'application/json' : 'text/plain', name);
});

// ---- Text → image ----------------------------------------------------------------------------------------------

function textForm(text) {
  const start = text.trimStart();
  if (start.startsWith('data:')) return 'Data URL';
  if (!start.startsWith('{')) return 'Base64 of an image file';
  return /^\{\s*"img_info"|"img_info"\s*:/.test(start.slice(0, 200)) ? 'Pillow dump JSON' : 'pixtext envelope';
}

function showError(error) {
  const { code, message } = describeError(error);
  $('error-code').textContent = code;
  $('error-code').hidden = code === '';
  $('error-message').textContent = message;
  $('to-image-error').hidden = false;
  $('header-info').hidden = true;
  $('output-canvas').width = 0;
  $('output-canvas').height = 0;
  $('canvas-placeholder').hidden = false;
  state.decoded = undefined;
  setDownloadButtons(false);
  setMessage($('to-image-message'), '');
}

function setDownloadButtons(enabled) {
  for (const button of document.querySelectorAll('[data-download]')) button.disabled = !enabled;
}

function showHeader(text, image) {
  // inspect() reads the header without decoding the payload; texts it does not describe show the image's own fields.
  let header = {};
  try {
    header = inspect(text) ?? {};
  } catch {
    header = {};
  }
  $('info-form').textContent = textForm(text);
  $('info-size').textContent = `${image.width} × ${image.height}`;
  $('info-mode').textContent = image.mode + (image.palette ? ` (palette of ${image.palette.length / 4})` : '');
  $('info-encoding').textContent = header.encoding ?? '–';
  $('info-bytes').textContent = bytesLabel(header.byteLength ?? image.data.length);
  $('info-crc').textContent = header.crc32 ?? '–';
  $('header-info').hidden = false;
}

function showImage() {
  const text = $('text-in').value;
  $('to-image-error').hidden = true;
  if (text.trim() === '') {
    showError(new Error('Paste or load some text first.'));
    return;
  }
  let image;
  try {
    image = textToImage(text);
  } catch (error) {
    showError(error);
    return;
  }
  state.decoded = image;
  showHeader(text, image);
  drawImage($('output-canvas'), image, 320);
  $('canvas-placeholder').hidden = image.width > 0 && image.height > 0;
  setDownloadButtons(true);
  setMessage($('to-image-message'), `Read a ${image.width}×${image.height} ${image.mode} image.`);
}

$('show-image').addEventListener('click', showImage);
$('text-in').addEventListener('paste', () => setTimeout(showImage, 0));
$('clear-text').addEventListener('click', () => {
  $('text-in').value = '';
  $('to-image-error').hidden = true;
  $('header-info').hidden = true;
  $('output-canvas').width = 0;
  $('canvas-placeholder').hidden = false;
  setDownloadButtons(false);
  setMessage($('to-image-message'), '');
  $('text-in').focus();
});

$('text-file').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  if (!file) return;
  $('text-in').value = await file.text();
  showImage();
});

// What a format cannot hold is converted explicitly, and the page says so: nothing changes silently.
const FALLBACK_MODE = {
  jpeg: (image) => (['1', 'L', 'L16', 'LA', 'LA16'].includes(image.mode) ? 'L' : 'RGB'),
  bmp: (image) => (['LA', 'RGBA16', 'LA16', 'BGRA'].includes(image.mode) ? 'RGBA' : 'RGB'),
  png: () => 'RGBA',
};

for (const button of document.querySelectorAll('[data-download]')) {
  button.addEventListener('click', () => {
    const format = button.dataset.download;
    const image = state.decoded;
    if (!image) return;
    const message = $('to-image-message');
    let bytes;
    let note = '';
    try {
      bytes = encode(image, format);
    } catch (error) {
      if (!(error instanceof PixtextError) || error.code !== 'ERR_UNSUPPORTED') {
        const { code, message: text } = describeError(error);
        setMessage(message, code ? `${code}: ${text}` : text, true);
        return;
      }
      const mode = FALLBACK_MODE[format](image);
      try {
        bytes = encode(convert(image, mode, { background: [255, 255, 255] }), format);
        note = ` ${format.toUpperCase()} cannot hold ${image.mode}: converted to ${mode}` +
          (mode === 'RGB' || mode === 'L' ? ', alpha flattened onto white.' : '.');
      } catch (second) {
        const { code, message: text } = describeError(second);
        setMessage(message, code ? `${code}: ${text}` : text, true);
        return;
      }
    }
    download(bytes, MIME[format], `image.${EXTENSION[format]}`);
    setMessage(message, `Saved ${bytesLabel(bytes.length)} as ${format.toUpperCase()}.${note}`);
  });
}

syncOptionControls();
document.documentElement.dataset.ready = 'true';
