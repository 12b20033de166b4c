// Bytes -> text: BOM, then the Content-Type charset, then <meta charset> / <?xml encoding?>
// (the WHATWG order, via encoding-sniffer); iconv-lite decodes (EUC-KR, Shift_JIS, GB18030, ...).
import { isUtf8 } from 'node:buffer';
import { getEncoding } from 'encoding-sniffer';
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  charset: string;
}

export function decodeBody(body: Buffer, contentType: string | undefined): DecodedBody {
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  // A page that declares nothing is far more often UTF-8 than windows-1252 today:
  // take UTF-8 when the bytes are valid UTF-8, else the WHATWG default.
  const fallback = isUtf8(body) ? 'utf-8' : 'windows-1252';
  let charset = getEncoding(body, { maxBytes: 4096, transportLayerEncodingLabel: label, defaultEncoding: fallback });
  if (!iconv.encodingExists(charset)) charset = fallback;
  const text = iconv.decode(body, charset); // strips a BOM by default
  return { text, charset: charset.toLowerCase() };
}
