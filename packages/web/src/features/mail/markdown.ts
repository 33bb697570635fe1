import MarkdownIt from 'markdown-it';

/**
 * Message bodies are Markdown written by other people: they are shown without raw HTML, without
 * remote content (images are named, never loaded) and with every link's real address written
 * out, so a link's text cannot disguise where it leads.
 */
export interface RenderOptions {
  /** The word for "image" in the reader's language, e.g. "[image: plan — https://…]". */
  imageLabel?: string;
}

/** Schemes a link may use; anything else (javascript:, data:, file:, relative paths…) stays text. */
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function createParser(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

  // After each link, its address in full when the visible text says something else.
  md.core.ruler.push('show_link_urls', (state) => {
    for (const block of state.tokens) {
      const children = block.children;
      if (block.type !== 'inline' || !children) continue;
      for (let i = 0; i < children.length; i++) {
        const open = children[i];
        if (open?.type !== 'link_open') continue;
        let depth = 0;
        let text = '';
        let j = i + 1;
        for (; j < children.length; j++) {
          const child = children[j]!;
          if (child.type === 'link_open') depth++;
          if (child.type === 'link_close') {
            if (depth === 0) break;
            depth--;
          }
          if (child.type === 'text' || child.type === 'code_inline') text += child.content;
        }
        const href = String(open.attrGet('href') ?? '');
        if (j >= children.length || sameAddress(text, href)) continue;
        const url = new state.Token('link_url', '', 0);
        url.content = href;
        children.splice(j + 1, 0, url);
        i = j + 1;
      }
    }
  });

  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.link_url = (tokens, idx) => ` <span class="md-url" dir="ltr">(${escapeHtml(tokens[idx]!.content)})</span>`;
  md.renderer.rules.image = (tokens, idx, _options, env) => {
    const token = tokens[idx]!;
    const alt = token.children ? token.children.map((c) => c.content).join('') : token.content;
    const src = String(token.attrGet('src') ?? '');
    const label = (env as RenderOptions | undefined)?.imageLabel ?? 'image';
    const text = alt ? `[${label}: ${alt} — ${src}]` : `[${label}: ${src}]`;
    return `<span class="md-image">${escapeHtml(text)}</span>`;
  };
  return md;
}

/** Whether a link's visible text already shows its address (as a bare URL or e-mail address). */
function sameAddress(text: string, href: string): boolean {
  const t = text.trim();
  if (!t) return false;
  return href === t || href === `mailto:${t}` || href === `http://${t}` || decodeSafely(href) === t || decodeSafely(href) === `http://${t}`;
}

function decodeSafely(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

const parser = createParser();

/** HTML safe to insert: Markdown rendered without raw HTML, remote images or disguised links. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  try {
    return parser.render(source, { ...options });
  } catch {
    // Never fail to show a message: fall back to its text, escaped.
    return `<p class="md-plain">${escapeHtml(source)}</p>`;
  }
}
