/*
 * The kernel floor for the DNS benchmark: a UDP server that does no DNS work at all. It takes every waiting datagram
 * with one recvmmsg, sets QR and RA in each, and sends them all back with one sendmmsg (the same system calls as
 * Pint's Linux loop). dnsperf counts each as an answered query. What it costs per query is what the kernel charges
 * any server on this machine for one datagram in and one out at the same offered load, so (server - floor) is the
 * CPU a server's own code adds. Usage: floor PORT (binds 127.0.0.1:PORT).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

enum { Batch = 32, Size = 4096 };

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: %s PORT\n", argv[0]); return 2; }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in local = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1])) };
    inet_pton(AF_INET, "127.0.0.1", &local.sin_addr);
    if (fd < 0 || bind(fd, (struct sockaddr *)&local, sizeof local) != 0) { perror("bind"); return 1; }

    static unsigned char data[Batch][Size];
    static struct sockaddr_in6 peers[Batch];
    struct mmsghdr in[Batch], out[Batch];
    struct iovec inv[Batch], outv[Batch];
    for (;;) {
        memset(in, 0, sizeof in);
        for (int i = 0; i < Batch; i++) {
            inv[i] = (struct iovec){ .iov_base = data[i], .iov_len = Size };
            in[i].msg_hdr = (struct msghdr){ .msg_name = &peers[i], .msg_namelen = sizeof peers[i], .msg_iov = &inv[i], .msg_iovlen = 1 };
        }
        int n = recvmmsg(fd, in, Batch, MSG_WAITFORONE, NULL);
        if (n <= 0) continue;
        int replies = 0;
        for (int i = 0; i < n; i++) {
            if (in[i].msg_len < 12) continue;
            data[i][2] |= 0x80; /* QR */
            data[i][3] |= 0x80; /* RA */
            outv[replies] = (struct iovec){ .iov_base = data[i], .iov_len = in[i].msg_len };
            out[replies].msg_hdr = (struct msghdr){ .msg_name = &peers[i], .msg_namelen = in[i].msg_hdr.msg_namelen, .msg_iov = &outv[replies], .msg_iovlen = 1 };
            replies++;
        }
        for (int sent = 0; sent < replies;) {
            int k = sendmmsg(fd, out + sent, (unsigned)(replies - sent), 0);
            sent += k > 0 ? k : 1; /* skip a datagram the kernel refuses */
        }
    }
}
