# -l names the directory of Kea's hook libraries in the HA configuration (here commented out).
failover peer "pair" {
  primary;
  address 10.45.0.2;
  peer address 10.45.0.3;
  max-response-delay 60;
  max-unacked-updates 10;
  mclt 3600;
  split 128;
  load balance max seconds 3;
}
subnet 10.45.0.0 netmask 255.255.255.0 {
  pool {
    failover peer "pair";
    range 10.45.0.100 10.45.0.199;
  }
}
