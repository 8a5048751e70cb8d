declare module "sasl-scram-sha-1" {
  const Mechanism: new () => object;
  export default Mechanism;
}
