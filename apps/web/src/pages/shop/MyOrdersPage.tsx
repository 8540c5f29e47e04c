export function MyOrdersPage() {
  return (
    <section>
      <h1>MyOrdersPage</h1>
    </section>
  );
}
