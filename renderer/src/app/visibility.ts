// Whether an element is on screen, from one IntersectionObserver shared by every leaf that
// asks, so a countdown scrolled away (or kept just outside the view by the list) stops ticking.
import { type RefObject, useEffect, useState } from 'react';

type Callback = (visible: boolean) => void;
const callbacks = new Map<Element, Callback>();
let observer: IntersectionObserver | undefined;

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
  });
  return observer;
}

export function observeVisibility(element: Element, callback: Callback): () => void {
  callbacks.set(element, callback);
  shared().observe(element);
  return () => {
    callbacks.delete(element);
    observer?.unobserve(element);
  };
}

/** True while the element is at least partly in the viewport (true until first told otherwise). */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    return observeVisibility(element, setVisible);
  }, [ref]);
  return visible;
}
