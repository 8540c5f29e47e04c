export function ShopPage() {
  return (
    <section>
      <h1>ShopPage</h1>
    </section>
  );
}
