/**
 * The gallery page: an index of every state, or one state rendered with its fixtures.
 * Uses DOM APIs directly (this page is the host document, not a component).
 */
import { createElement } from 'lwc';
import { currentState, galleryStates, log, recordToast } from './runtime';
import { hosts } from './hosts';

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderIndex(root: HTMLElement): void {
  const heading = el('h1', 'slds-text-heading_large slds-m-bottom_medium', 'omni-assist component gallery');
  root.appendChild(heading);
  const byComponent = new Map<string, ReturnType<typeof galleryStates>>();
  for (const state of galleryStates()) {
    byComponent.set(state.component, [...(byComponent.get(state.component) ?? []), state]);
  }
  for (const [component, states] of byComponent) {
    const section = el('section', 'slds-m-bottom_large');
    section.appendChild(el('h2', 'slds-text-heading_medium slds-m-bottom_small', component));
    const list = el('ul', 'slds-list_dotted');
    for (const state of states) {
      const item = el('li', '');
      const link = el('a', '', state.title);
      link.href = `?state=${encodeURIComponent(state.id)}`;
      link.dataset.stateId = state.id;
      item.appendChild(link);
      list.appendChild(item);
    }
    section.appendChild(list);
    root.appendChild(section);
  }
}

function showToast(root: HTMLElement, detail: { title?: string; message?: string; variant?: string }): void {
  const toast = el(
    'div',
    `slds-notify slds-notify_toast slds-theme_${detail.variant || 'info'} gallery-toast`
  );
  toast.setAttribute('role', 'status');
  toast.appendChild(el('h2', 'slds-text-heading_small', detail.title || ''));
  if (detail.message) toast.appendChild(el('p', '', detail.message));
  root.appendChild(toast);
}

export function startApp(components: Record<string, unknown>): void {
  const root = document.getElementById('gallery') as HTMLElement;
  const state = currentState();
  if (!state) {
    renderIndex(root);
    log.ready = true;
    return;
  }
  document.title = `${state.title} — gallery`;
  const back = el('a', 'gallery-back', '← All states');
  back.href = './';
  root.appendChild(back);
  root.appendChild(el('h1', 'slds-text-heading_medium slds-m-vertical_small', state.title));
  const frame = el('div', 'gallery-frame');
  frame.dataset.stateId = state.id;
  if (state.width) frame.style.width = `${state.width}px`;
  root.appendChild(frame);
  const toasts = el('div', 'gallery-toasts');
  root.appendChild(toasts);
  document.addEventListener('lightning__showtoast', (event) => {
    const detail = (event as CustomEvent).detail ?? {};
    recordToast(detail);
    showToast(toasts, detail);
  });

  const Ctor = components[state.component];
  if (!Ctor) throw new Error(`Gallery state ${state.id} names an unknown component ${state.component}.`);
  const element = createElement(`c-${kebab(state.component)}`, {
    is: Ctor as Parameters<typeof createElement>[1]['is']
  }) as unknown as HTMLElement & Record<string, unknown>;
  Object.assign(element, state.props ?? {});
  const host = hosts[state.component];
  if (host) host(element);
  frame.appendChild(element);
  // Let the first fixture answers render before signalling readiness.
  setTimeout(() => {
    log.ready = true;
  }, 300);
}
