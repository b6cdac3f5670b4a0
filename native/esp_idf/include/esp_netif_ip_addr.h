/*
 * netfsm ESP-IDF stand-in: an IPv4 address. `addr` holds the address in network byte order,
 * so its bytes in memory read as the dotted quad: 192.168.1.100 is c0 a8 01 64.
 */
#ifndef NETFSM_ESP_NETIF_IP_ADDR_H
#define NETFSM_ESP_NETIF_IP_ADDR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    uint32_t addr;
} esp_ip4_addr_t;

/* printf helpers: printf(IPSTR, IP2STR(&info.ip)) */
#define IPSTR "%d.%d.%d.%d"
#define NETFSM_IP4_BYTE(a, n) ((int)((const uint8_t *)&(a)->addr)[n])
#define IP2STR(a) NETFSM_IP4_BYTE(a, 0), NETFSM_IP4_BYTE(a, 1), NETFSM_IP4_BYTE(a, 2), \
                  NETFSM_IP4_BYTE(a, 3)

#ifdef __cplusplus
}
#endif

#endif
