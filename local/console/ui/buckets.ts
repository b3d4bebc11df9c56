// The buckets panel: a bucket's objects a page at a time, with size and time, each downloadable.
import { api, byId } from '#web/lib/api.ts';
import { act, bytes, h, listRows, nextPage } from './dom.ts';

interface Bucket {
  readonly name: string;
  readonly notifications: readonly { readonly prefix: string; readonly queue: string }[];
}

interface S3Object {
  readonly key: string;
  readonly size: number;
  readonly lastModified: string | null;
}

const listObjects = async (bucket: string, cursor?: string): Promise<void> => {
  const query = new URLSearchParams(cursor ? { cursor } : {});
  const page = await api<{ items: S3Object[]; cursor: string | null }>(`api/buckets/${bucket}/objects?${query}`);
  const download = (key: string): string => `api/buckets/${bucket}/download?${new URLSearchParams({ key })}`;
  byId('objects-view').replaceChildren(
    h('h2', {}, `Objects of ${bucket}`),
    page.items.length === 0 ? h('p', { class: 'muted' }, 'None.') : '',
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', { class: 'num' }, 'Size'), h('th', {}, 'Last modified'))),
      h(
        'tbody',
        {},
        ...page.items.map((o) =>
          h(
            'tr',
            { 'data-key': o.key },
            h('td', {}, h('a', { href: download(o.key), download: '' }, o.key)),
            h('td', { class: 'num' }, bytes(o.size)),
            h('td', {}, o.lastModified ?? ''),
          ),
        ),
      ),
    ),
    nextPage(
      page.cursor,
      act((next: string) => listObjects(bucket, next)),
    ) ?? '',
  );
};

export const bucketsPanel = {
  show: (): undefined =>
    listRows<Bucket>('api/buckets', 'bucket-rows', (b) =>
      h(
        'tr',
        { 'data-bucket': b.name },
        h('td', {}, b.name),
        h('td', {}, b.notifications.map((n) => `${n.prefix}* → ${n.queue}`).join('; ')),
        h(
          'td',
          {},
          h('button', { type: 'button', class: 'secondary', onclick: act(() => listObjects(b.name)) }, 'Objects'),
        ),
      ),
    ),
};
