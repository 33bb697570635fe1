import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('the message body renderer', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(2)> <b>bold</b>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('does not turn javascript:, data: or vbscript: addresses into links', () => {
    for (const source of [
      '[click me](javascript:alert(1))',
      '[click me](JAVASCRIPT:alert(1))',
      '[click me]( javascript:alert(1) )',
      '<javascript:alert(1)>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x](vbscript:msgbox(1))',
      '[ref]\n\n[ref]: javascript:alert(1)',
    ]) {
      const html = renderMarkdown(source);
      expect(html, source).not.toContain('<a');
      expect(html, source).not.toMatch(/href=/);
    }
  });

  it('never loads images: they are written out as text with their address', () => {
    const html = renderMarkdown('![site plan](https://tracker.example/pixel.png "title")', { imageLabel: 'image' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('src=');
    expect(html).toContain('[image: site plan — https://tracker.example/pixel.png]');
    expect(renderMarkdown('![](https://tracker.example/p.png)', { imageLabel: 'صورة' })).toContain('[صورة: https://tracker.example/p.png]');
  });

  it('shows the full address after a link whose text says something else', () => {
    const html = renderMarkdown('See [the bank statement](https://evil.example/login?next=/bank&x=1).');
    expect(html).toContain('href="https://evil.example/login?next=/bank&amp;x=1"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('the bank statement</a> <span class="md-url" dir="ltr">(https://evil.example/login?next=/bank&amp;x=1)</span>');
  });

  it('links bare addresses without repeating them', () => {
    const html = renderMarkdown('Portal: https://focal.example/cases/12 and mail desk@focal.example');
    expect(html).toContain('<a href="https://focal.example/cases/12" target="_blank" rel="noopener noreferrer nofollow">https://focal.example/cases/12</a>');
    expect(html).toContain('>desk@focal.example</a>');
    expect(html).not.toContain('md-url');
  });

  it('keeps ordinary Markdown and shows malformed Markdown as text', () => {
    expect(renderMarkdown('**urgent** _freeze_\n\n- one\n- two')).toMatch(/<strong>urgent<\/strong> <em>freeze<\/em>[\s\S]*<li>one<\/li>/);
    const broken = renderMarkdown('[unclosed link(https://x.example **bold _mixed');
    expect(broken).toContain('[unclosed link(');
    expect(broken).not.toContain('<script');
  });
});
