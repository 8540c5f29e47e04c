export function DesignPage() {
  return (
    <section>
      <h1>DesignPage</h1>
    </section>
  );
}
