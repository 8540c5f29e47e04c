export function StudioPage() {
  return (
    <section>
      <h1>StudioPage</h1>
    </section>
  );
}
