/*
 * Small WordPress exports written for tests, in the shape WordPress 6's exporter
 * writes: an <rss> with the wp namespace, authors, terms, then items with CDATA fields.
 */

export interface SampleItem {
  id: number;
  title?: string;
  type?: string;
  status?: string;
  name?: string;
  date?: string;
  dateGmt?: string;
  creator?: string;
  content?: string;
  excerpt?: string;
  parent?: number;
  attachmentUrl?: string;
  terms?: { domain: string; nicename: string; name: string }[];
  meta?: Record<string, string>;
}

export interface SampleSite {
  authors?: { id: number; login: string; name: string }[];
  terms?: { id: number; taxonomy: string; slug: string; name: string; description?: string }[];
  items?: SampleItem[];
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

export function sampleWxr(site: SampleSite): string {
  const authors = (site.authors ?? []).map(
    (a) =>
      `<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(`${a.login}@example.org`)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name><wp:author_first_name>${cdata(a.name.split(' ')[0] ?? '')}</wp:author_first_name><wp:author_last_name>${cdata(a.name.split(' ').slice(1).join(' '))}</wp:author_last_name></wp:author>`,
  );
  const terms = (site.terms ?? []).map(
    (t) =>
      `<wp:term><wp:term_id>${t.id}</wp:term_id><wp:term_taxonomy>${t.taxonomy}</wp:term_taxonomy><wp:term_slug>${cdata(t.slug)}</wp:term_slug><wp:term_parent>${cdata('')}</wp:term_parent><wp:term_name>${cdata(t.name)}</wp:term_name><wp:term_description>${cdata(t.description ?? '')}</wp:term_description></wp:term>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Sample Institute</title>
	<link>https://sample.example.org</link>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://sample.example.org</wp:base_site_url>
	<wp:base_blog_url>https://sample.example.org</wp:base_blog_url>
	${authors.join('\n\t')}
	${terms.join('\n\t')}
${(site.items ?? []).map(sampleItem).join('\n')}
</channel>
</rss>
`;
}

export function sampleItem(item: SampleItem): string {
  const type = item.type ?? 'post';
  const name = item.name ?? `item-${item.id}`;
  const date = item.date ?? '2020-05-04 10:00:00';
  const link =
    type === 'attachment'
      ? `https://sample.example.org/?attachment_id=${item.id}`
      : `https://sample.example.org/2020/05/04/${name}/`;
  const meta = Object.entries(item.meta ?? {}).map(
    ([key, value]) =>
      `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>`,
  );
  const terms = (item.terms ?? []).map(
    (t) => `<category domain="${t.domain}" nicename="${t.nicename}">${cdata(t.name)}</category>`,
  );
  return `	<item>
		<title>${cdata(item.title ?? `Item ${item.id}`)}</title>
		<link>${link}</link>
		<dc:creator>${cdata(item.creator ?? 'ann')}</dc:creator>
		<guid isPermaLink="false">https://sample.example.org/?p=${item.id}</guid>
		<content:encoded>${cdata(item.content ?? '<p>Body.</p>')}</content:encoded>
		<excerpt:encoded>${cdata(item.excerpt ?? '')}</excerpt:encoded>
		<wp:post_id>${item.id}</wp:post_id>
		<wp:post_date>${cdata(date)}</wp:post_date>
		<wp:post_date_gmt>${cdata(item.dateGmt ?? date)}</wp:post_date_gmt>
		<wp:post_name>${cdata(name)}</wp:post_name>
		<wp:status>${cdata(item.status ?? (type === 'attachment' ? 'inherit' : 'publish'))}</wp:status>
		<wp:post_parent>${item.parent ?? 0}</wp:post_parent>
		<wp:post_type>${cdata(type)}</wp:post_type>
		<wp:post_password>${cdata('')}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		${item.attachmentUrl ? `<wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>` : ''}
		${terms.join('\n\t\t')}
		${meta.join('\n\t\t')}
	</item>`;
}
