/** A pane that is not built yet says so plainly, with no placeholder content. */
export function ComingSoon({ name }: { name: string }) {
  return (
    <section className="pane pane--empty" aria-label={name}>
      <h2>{name}</h2>
      <p>{name} is coming in a later release.</p>
    </section>
  );
}
